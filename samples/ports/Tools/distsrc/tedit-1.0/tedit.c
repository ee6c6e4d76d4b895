/* tedit: a line editor that appends its arguments, one per line, to a file. */
#include <stdio.h>
#ifdef TEDIT_GUI
#include <greet.h>
#endif

int
main(int argc, char **argv)
{
	FILE *fp;
	int i;

#ifdef TEDIT_GUI
	char banner[128];
	greet_format(banner, sizeof(banner), "tedit (gui)");
	fprintf(stderr, "%s\n", banner);
#endif
	if (argc < 2) {
		fprintf(stderr, "usage: tedit <file> [line ...]\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "a")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	for (i = 2; i < argc; i++)
		fprintf(fp, "%s\n", argv[i]);
	return fclose(fp) == 0 ? 0 : 1;
}
