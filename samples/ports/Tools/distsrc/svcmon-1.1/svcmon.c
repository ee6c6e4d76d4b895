/* svcmon: check that the programs named on the command line are executable. */
#include <stdio.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int i, down = 0;

	for (i = 1; i < argc; i++) {
		int ok = access(argv[i], X_OK) == 0;
		printf("%-40s %s\n", argv[i], ok ? "ok" : "missing");
		down += !ok;
	}
	return down == 0 ? 0 : 1;
}
