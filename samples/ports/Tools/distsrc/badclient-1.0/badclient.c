/* badclient: prints the answer computed by libbad. */
#include <stdio.h>
#include <bad.h>

int
main(void)
{
	printf("%ld\n", bad_answer());
	return 0;
}
