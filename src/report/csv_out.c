/*
 * csv_out.c — the CSV cell writer of csv_out.h.  Depends on stdio only.
 *
 * Why a single quote for formula neutralisation: it is what spreadsheet
 * programs themselves treat as "this cell is text" and what OWASP's CSV
 * injection guidance recommends; the quote stays visible, so nothing is
 * silently changed.
 */
#include "csv_out.h"

#include <string.h>

/* Characters that make a spreadsheet read a cell as a formula (OWASP). */
static int starts_formula(const char *s, size_t n)
{
    return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
                     s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

static int needs_quotes(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return 1;
    return 0;
}

int cib_csv_cell(FILE *f, const char *s, size_t n, unsigned flags)
{
    int quote = needs_quotes(s, n);
    if (quote && putc('"', f) == EOF)
        return CIB_EIO;
    if ((flags & CIB_CSV_NEUTRALIZE) && starts_formula(s, n) &&
        putc('\'', f) == EOF)
        return CIB_EIO;
    size_t start = 0;
    for (size_t i = 0; quote && i < n; i++) {
        if (s[i] != '"')
            continue;
        /* write up to and including the quote, then double it */
        if (fwrite(s + start, 1, i + 1 - start, f) != i + 1 - start ||
            putc('"', f) == EOF)
            return CIB_EIO;
        start = i + 1;
    }
    if (n > start && fwrite(s + start, 1, n - start, f) != n - start)
        return CIB_EIO;
    if (quote && putc('"', f) == EOF)
        return CIB_EIO;
    return CIB_OK;
}

int cib_csv_cells(FILE *f, const char *s, unsigned flags)
{
    return s ? cib_csv_cell(f, s, strlen(s), flags) : CIB_OK;
}

int cib_csv_sep(FILE *f, char sep)
{
    return putc(sep == '\n' ? '\n' : ',', f) == EOF ? CIB_EIO : CIB_OK;
}
