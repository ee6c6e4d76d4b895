/* legacyd: reports swap devices through an interface modern systems no longer have. */
#include <stdio.h>

int
main(void)
{
	printf("legacyd 0.3\n");
	return 0;
}
