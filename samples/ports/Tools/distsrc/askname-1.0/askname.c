/* askname: asks for a name on the terminal and greets it. */
#include <stdio.h>

int
main(void)
{
	char name[64];

	printf("Your name? ");
	fflush(stdout);
	if (fgets(name, sizeof(name), stdin) == NULL)
		return 1;
	printf("Hello, %s", name);
	return 0;
}
