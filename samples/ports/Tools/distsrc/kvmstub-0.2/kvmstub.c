/* kvmstub: the kvm swap interface is gone; report no swap devices. */
#include <stdio.h>

int
main(void)
{
	printf("no swap devices (kvm swap interface not available)\n");
	return 0;
}
