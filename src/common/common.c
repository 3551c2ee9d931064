/*
 * common.c — error records, array growth, hashing and time formatting
 * shared by every stage.  Depends on libc and xxHash only.
 */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

int cib_error_set(cib_error *err, int code, const char *file, uint64_t line,
                  const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

const char *cib_error_format(const cib_error *err, char *buf, size_t n)
{
    if (err->file[0] && err->line)
        snprintf(buf, n, "cibscan: %s:%llu: %s", err->file,
                 (unsigned long long)err->line, err->message);
    else if (err->file[0])
        snprintf(buf, n, "cibscan: %s: %s", err->file, err->message);
    else
        snprintf(buf, n, "cibscan: %s", err->message);
    return buf;
}

int cib_exit_status(int code)
{
    switch (code) {
    case CIB_OK: return 0;
    case CIB_EUSAGE: return 1;
    case CIB_EINPUT: return 2;
    default: return 3;
    }
}

int cib_grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return CIB_OK;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return CIB_ENOMEM;
        ncap *= 2;
    }
    void *p = realloc(*ptr, ncap * elem);
    if (p == NULL)
        return CIB_ENOMEM;
    *ptr = p;
    *cap = ncap;
    return CIB_OK;
}

int cib_grow_zeroed(void **ptr, size_t *cap, size_t need, size_t elem)
{
    size_t old = *cap;
    int rc = cib_grow(ptr, cap, need, elem);
    if (rc == CIB_OK && *cap > old)
        memset((char *)*ptr + old * elem, 0, (*cap - old) * elem);
    return rc;
}

uint64_t cib_hash64(const void *data, size_t n, uint64_t seed)
{
    return XXH64(data, n, seed);
}

char *cib_time_iso(int64_t t, char *buf, size_t n)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm) == NULL) {
        snprintf(buf, n, "invalid");
        return buf;
    }
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

char *cib_printable_n(const char *s, size_t len, char *buf, size_t n)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const unsigned char *end = p + (s ? len : 0);
    size_t o = 0;
    while (p < end && o + 1 < n) {
        if (end - p >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            buf[o++] = '?';
            p += 2;
            continue;
        }
        if (*p < 0x20 || *p == 0x7F) {
            buf[o++] = '?';
            p++;
            continue;
        }
        /* a whole UTF-8 sequence or nothing of it; only continuation
         * bytes extend it, so a broken sequence cannot carry a control
         * past the checks above */
        size_t want = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        size_t have = 1;
        while (have < want && p + have < end && (p[have] & 0xC0) == 0x80)
            have++;
        if (o + have + 1 > n)
            break;
        memcpy(buf + o, p, have);
        o += have;
        p += have;
    }
    buf[o] = '\0';
    return buf;
}

char *cib_printable(const char *s, char *buf, size_t n)
{
    return cib_printable_n(s, s ? strlen(s) : 0, buf, n);
}
