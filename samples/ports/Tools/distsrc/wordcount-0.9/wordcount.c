/* wordcount: count the words of the files given (or of standard input). */
#include <ctype.h>
#include <stdio.h>

static long
count(FILE *fp)
{
	long words = 0;
	int c, inword = 0;

	while ((c = getc(fp)) != EOF) {
		if (isspace(c))
			inword = 0;
		else if (!inword) {
			inword = 1;
			words++;
		}
	}
	return words;
}

int
main(int argc, char **argv)
{
	long total = 0;
	int i, status = 0;

	if (argc < 2) {
		printf("%ld\n", count(stdin));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "r");
		long n;
		if (fp == NULL) {
			perror(argv[i]);
			status = 1;
			continue;
		}
		n = count(fp);
		fclose(fp);
		printf("%8ld %s\n", n, argv[i]);
		total += n;
	}
	if (argc > 2)
		printf("%8ld total\n", total);
	return status;
}
