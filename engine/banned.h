/*
 * banned.h - functions that do not compile here, as in git: each has a
 * bounded or thread-safe replacement (xsnprintf, strbuf_add*, xstrndup,
 * strtok_r is unsafe inside OpenMP loops too; use a plain loop).
 * Included by engine/util.h, so every file of the project sees it.
 */
#ifndef NK_BANNED_H
#define NK_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_use_xsnprintf_or_strbuf

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)

#endif
