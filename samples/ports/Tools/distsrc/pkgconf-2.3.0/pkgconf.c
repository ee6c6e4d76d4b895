/* pkgconf: print the compiler and linker flags recorded in <name>.pc files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PKGCONF_VERSION "2.3.0"

static int
find_field(const char *name, const char *field, char *out, size_t outlen)
{
	const char *path = getenv("PKG_CONFIG_PATH");
	char file[1024], line[1024], prefix[512] = "";
	FILE *fp;
	size_t flen = strlen(field);

	if (path == NULL || *path == '\0')
		path = "/usr/local/libdata/pkgconfig";
	snprintf(file, sizeof(file), "%s/%s.pc", path, name);
	if ((fp = fopen(file, "r")) == NULL)
		return -1;
	out[0] = '\0';
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "prefix=", 7) == 0)
			snprintf(prefix, sizeof(prefix), "%s", line + 7);
		else if (strncmp(line, field, flen) == 0 && line[flen] == ':') {
			const char *v = line + flen + 1, *p;
			size_t n = 0;
			while (*v == ' ')
				v++;
			for (p = v; *p != '\0' && n + 1 < outlen; p++) {
				if (strncmp(p, "${prefix}", 9) == 0) {
					n += (size_t)snprintf(out + n, outlen - n, "%s", prefix);
					p += 8;
				} else
					out[n++] = *p;
			}
			out[n < outlen ? n : outlen - 1] = '\0';
		}
	}
	fclose(fp);
	return 0;
}

int
main(int argc, char **argv)
{
	char value[1024];
	const char *field = NULL;

	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s\n", PKGCONF_VERSION);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: pkgconf --version | --exists|--cflags|--libs <name>\n");
		return 2;
	}
	if (strcmp(argv[1], "--cflags") == 0)
		field = "Cflags";
	else if (strcmp(argv[1], "--libs") == 0)
		field = "Libs";
	else if (strcmp(argv[1], "--exists") != 0) {
		fprintf(stderr, "pkgconf: unknown option %s\n", argv[1]);
		return 2;
	}
	if (find_field(argv[2], field != NULL ? field : "Name", value, sizeof(value)) != 0) {
		fprintf(stderr, "pkgconf: package '%s' was not found\n", argv[2]);
		return 1;
	}
	if (field != NULL)
		printf("%s\n", value);
	return 0;
}
