# GoSynth system-makefile stub: intentionally empty; ports need nothing from the base system's own.mk.
