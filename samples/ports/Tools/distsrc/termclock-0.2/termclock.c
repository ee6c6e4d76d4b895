/*
 * termclock: prints the time and the curses library it was linked with.
 * It uses only curses_version(), which the real ncurses and the tree's stand-in (devel/ncurses) both
 * provide, so it builds against whichever the target has: the base system's curses where the framework
 * finds one, the devel/ncurses package otherwise.
 */
#include <stdio.h>
#include <time.h>

const char	*curses_version(void);

int
main(void)
{
	time_t now = time(NULL);

	printf("%s (%s)\n", ctime(&now), curses_version());
	return 0;
}
