/* unpackx: list the members of an uncompressed ustar archive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	unsigned char block[512];
	FILE *fp;

	if (argc != 2) {
		fprintf(stderr, "usage: unpackx <archive.tar>\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	while (fread(block, 1, sizeof(block), fp) == sizeof(block) && block[0] != '\0') {
		char size[13];
		long len;
		memcpy(size, block + 124, 12);
		size[12] = '\0';
		len = strtol(size, NULL, 8);
		printf("%.100s\n", (const char *)block);
		if (fseek(fp, (len + 511) / 512 * 512, SEEK_CUR) != 0)
			break;
	}
	fclose(fp);
	return 0;
}
