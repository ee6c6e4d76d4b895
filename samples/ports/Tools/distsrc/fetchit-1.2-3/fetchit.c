/* fetchit: copy a file:// URL (or a plain path) to an output file. */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	const char *src;
	FILE *in, *out;
	char buf[8192];
	size_t n;

	if (argc != 3) {
		fprintf(stderr, "usage: fetchit <file://url|path> <output>\n");
		return 2;
	}
	src = strncmp(argv[1], "file://", 7) == 0 ? argv[1] + 7 : argv[1];
	if ((in = fopen(src, "rb")) == NULL) {
		perror(src);
		return 1;
	}
	if ((out = fopen(argv[2], "wb")) == NULL) {
		perror(argv[2]);
		fclose(in);
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			perror(argv[2]);
			return 1;
		}
	fclose(in);
	return fclose(out) == 0 ? 0 : 1;
}
