/*
 * markup.h — escaping strings for XML (GraphML) and HTML output.
 */
#ifndef CIB_MARKUP_H
#define CIB_MARKUP_H

#include <stddef.h>
#include <stdio.h>

/* Write the n bytes at s to f as XML 1.0 / HTML character data that is
 * safe both between tags and inside a quoted attribute value:
 * & < > " ' become entities; TAB, LF and CR become numeric references (so
 * attribute-value normalisation keeps them); characters XML 1.0 forbids
 * (other C0 controls, U+FFFE, U+FFFF) and invalid UTF-8 bytes become
 * U+FFFD, one per bad byte (XML 1.0 section 2.2 "Characters").  UTF-8 is
 * decoded with utf8proc.  Returns 0 or -1 when a write to f fails. */
int cib_markup_escape(FILE *f, const char *s, size_t n);

/* Same for a NUL-terminated string; NULL writes nothing. */
int cib_markup_escapes(FILE *f, const char *s);

#endif
