/* A stand-in for the curses library: just enough for the sample tree's consumers. */
#ifndef SAMPLE_CURSES_H
#define SAMPLE_CURSES_H
int		 curses_clear(void);
const char	*curses_version(void);
#endif
