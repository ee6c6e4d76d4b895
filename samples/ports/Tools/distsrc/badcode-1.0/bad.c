/* libbad: this release does not compile (the return type and the prototype disagree). */
#include "bad.h"

int
bad_answer(void)
{
	return undeclared_answer + ;
}
