/* libgreet: build greetings. */
#ifndef GREET_H
#define GREET_H

#include <stddef.h>

#define GREET_VERSION "1.4.2"

/* Writes "Hello, <name>!" into buf (at most len bytes, NUL-terminated); returns the length it needed. */
size_t greet_format(char *buf, size_t len, const char *name);

/* The library's version string. */
const char *greet_version(void);

#endif
