/* patchkit: replace every occurrence of a string in a file, in place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	FILE *fp;
	char *data, *p;
	long len;
	size_t oldlen;

	if (argc != 4 || (oldlen = strlen(argv[2])) == 0) {
		fprintf(stderr, "usage: patchkit <file> <old> <new>\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0) {
		perror(argv[1]);
		return 1;
	}
	rewind(fp);
	if ((data = malloc((size_t)len + 1)) == NULL || fread(data, 1, (size_t)len, fp) != (size_t)len) {
		perror(argv[1]);
		return 1;
	}
	data[len] = '\0';
	fclose(fp);
	if ((fp = fopen(argv[1], "wb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	for (p = data; *p != '\0';) {
		char *hit = strstr(p, argv[2]);
		if (hit == NULL) {
			fputs(p, fp);
			break;
		}
		fwrite(p, 1, (size_t)(hit - p), fp);
		fputs(argv[3], fp);
		p = hit + oldlen;
	}
	free(data);
	return fclose(fp) == 0 ? 0 : 1;
}
