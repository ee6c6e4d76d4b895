/* keyvault: prints the licence terms it was built under. */
#include <stdio.h>

int
main(void)
{
	printf("keyvault 2.0: for the use of whoever built it; do not redistribute\n");
	return 0;
}
