#include <stdio.h>
#include "greet.h"

size_t
greet_format(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, "Hello, %s!", name != NULL && *name != '\0' ? name : "world");
	return n < 0 ? 0 : (size_t)n;
}

const char *
greet_version(void)
{
	return GREET_VERSION;
}
