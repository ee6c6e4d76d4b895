/* pkg: a stand-in for the package manager, enough to bootstrap the sample tree. */
#include <stdio.h>
#include <string.h>

#define PKG_VERSION "2.1.0"

int
main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "--version") == 0)) {
		printf("%s\n", PKG_VERSION);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "help") == 0) {
		printf("usage: pkg [-v] <command> [<args>]\n");
		return 0;
	}
	fprintf(stderr, "pkg %s: no command given (try 'pkg help')\n", PKG_VERSION);
	return 1;
}
