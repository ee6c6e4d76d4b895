/* termclock: clears the terminal and prints the time. */
#include <stdio.h>
#include <time.h>

int	curses_clear(void);

int
main(void)
{
	time_t now = time(NULL);

	curses_clear();
	printf("%s", ctime(&now));
	return 0;
}
