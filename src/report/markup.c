/*
 * markup.c — XML/HTML escaping of markup.h.  Depends on utf8proc for
 * UTF-8 decoding, so that invalid sequences are found the same way the
 * normalize stage finds them.
 */
#include "markup.h"

#include <string.h>
#include <utf8proc.h>

/* U+FFFD REPLACEMENT CHARACTER in UTF-8. */
static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* XML 1.0 production [2] Char, minus the three whitespace controls that
 * the caller writes as references. */
static int xml_char(utf8proc_int32_t c)
{
    return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

int cib_markup_escape(FILE *f, const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c = -1;
        utf8proc_ssize_t len =
            utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        const char *rep = NULL;
        if (len <= 0) { /* invalid byte: replace it alone, resync after */
            len = 1;
            rep = REPLACEMENT;
        } else {
            switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            case '\t': rep = "&#9;"; break;
            case '\n': rep = "&#10;"; break;
            case '\r': rep = "&#13;"; break;
            default:
                if (!xml_char(c))
                    rep = REPLACEMENT;
            }
        }
        if (rep) {
            if (fputs(rep, f) == EOF)
                return -1;
        } else if (fwrite(s + i, 1, (size_t)len, f) != (size_t)len) {
            return -1;
        }
        i += (size_t)len;
    }
    return 0;
}

int cib_markup_escapes(FILE *f, const char *s)
{
    return s ? cib_markup_escape(f, s, strlen(s)) : 0;
}
