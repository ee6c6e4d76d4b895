/* spell: print each word of standard input that is not in the built-in word list of LANG_CODE. */
#include <stdio.h>
#include <string.h>

#ifndef LANG_CODE
#define LANG_CODE "de"
#endif

static const char *de[] = { "der", "die", "das", "und", "ist", "nicht", NULL };
static const char *en[] = { "the", "and", "is", "not", "a", "of", NULL };

int
main(void)
{
	const char **words = strcmp(LANG_CODE, "en") == 0 ? en : de;
	char word[128];
	int unknown = 0;

	while (scanf("%127s", word) == 1) {
		const char **w;
		for (w = words; *w != NULL && strcmp(*w, word) != 0; w++)
			;
		if (*w == NULL) {
			printf("%s\n", word);
			unknown++;
		}
	}
	return unknown == 0 ? 0 : 1;
}
