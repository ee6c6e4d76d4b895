#ifndef BAD_H
#define BAD_H
long bad_answer(void);
#endif
