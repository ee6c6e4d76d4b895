// GoSynth runs builds on Linux, FreeBSD and DragonFly.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
