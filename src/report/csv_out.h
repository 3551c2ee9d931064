/*
 * csv_out.h — writing CSV cells (RFC 4180) for the output tables, with
 * optional neutralisation of spreadsheet formulas.  Small enough to be
 * reused by any stage that writes CSV (report tables, eval, synth).
 */
#ifndef CIB_CSV_OUT_H
#define CIB_CSV_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "../common/common.h"

/* Flags for cib_csv_cell. */
enum {
    /* Prefix a cell that starts with = + - @ TAB or CR with a single quote
     * ', so that spreadsheets show it as text instead of running it as a
     * formula (OWASP "CSV Injection").  Applied to strings taken from the
     * input (account ids, platforms, ...), never to numbers we format.  A
     * lone "-" is prefixed too: "'-" reads the same to a person. */
    CIB_CSV_NEUTRALIZE = 1u,
};

/* Write the n bytes at s as one CSV cell to f: unchanged when they need no
 * quoting, else inside double quotes with inner quotes doubled (RFC 4180
 * section 2: a cell holding a comma, quote, CR or LF is quoted).  Cells
 * are separated by the caller (cib_csv_sep).  Returns 0, or CIB_EIO when
 * a write to f fails (the stream's error flag is also set). */
int cib_csv_cell(FILE *f, const char *s, size_t n, unsigned flags);

/* Same for a NUL-terminated string (NULL writes an empty cell). */
int cib_csv_cells(FILE *f, const char *s, unsigned flags);

/* Write the separator "," (sep == ',') or the row end "\n" (sep == '\n').
 * Rows end in LF, not CRLF: readers of RFC 4180 accept both and LF keeps
 * the files friendly to Unix tools.  Returns 0 or CIB_EIO. */
int cib_csv_sep(FILE *f, char sep);

#endif
