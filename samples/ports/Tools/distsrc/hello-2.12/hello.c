/* hello: greet someone, through libgreet. */
#include <stdio.h>
#include <greet.h>

int
main(int argc, char **argv)
{
	char buf[256];

	greet_format(buf, sizeof(buf), argc > 1 ? argv[1] : NULL);
#ifdef HELLO_COLOR
	printf("\033[1;32m%s\033[0m\n", buf);
#else
	printf("%s\n", buf);
#endif
	return 0;
}
