/*
 * common.h — what every cibscan module shares: error codes, the error
 * record a failing call fills for its caller, growable-array helpers, the
 * 64-bit hash and the radix sort of records (radix.c).
 *
 * Error convention (after libgit2): a function that can fail returns int,
 * 0 on success or a negative CIB_E* code, and writes a human message with
 * the file and line it concerns into a caller-owned cib_error.  No module
 * keeps global mutable state; everything a call needs comes in through its
 * arguments.
 */
#ifndef CIB_COMMON_H
#define CIB_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define CIB_VERSION "0.1.0"

/* Error codes.  The CLI maps them to exit statuses (CONTRACT.md):
 * CIB_EUSAGE -> 1, CIB_EINPUT -> 2, CIB_EIO and CIB_ENOMEM -> 3. */
enum {
    CIB_OK = 0,
    CIB_EUSAGE = -1, /* bad option or argument */
    CIB_EINPUT = -2, /* input that cannot be read as data (format, encoding) */
    CIB_EIO = -3,    /* file system or stream failure */
    CIB_ENOMEM = -4, /* allocation failed or a resource limit was hit */
};

/* A failing call's explanation.  `file` is the input or output path the
 * error concerns ("" when none), `line` its 1-based line (0 when none). */
typedef struct cib_error {
    int code;
    char file[512];
    uint64_t line;
    char message[512];
} cib_error;

/* Fill `err` (may be NULL) and return `code`.  `file` may be NULL. */
int cib_error_set(cib_error *err, int code, const char *file, uint64_t line,
                  const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Format `err` as CONTRACT.md's "cibscan: FILE:LINE: message" (the parts
 * that are known) into buf of size n; returns buf. */
const char *cib_error_format(const cib_error *err, char *buf, size_t n);

/* Map an error code to the process exit status of CONTRACT.md. */
int cib_exit_status(int code);

/* Grow *ptr (an array of elements of `elem` bytes with capacity *cap) to
 * hold at least `need` elements, doubling.  Returns 0 or CIB_ENOMEM (and
 * leaves *ptr untouched on failure). */
int cib_grow(void **ptr, size_t *cap, size_t need, size_t elem);

/* cib_grow, with the new elements zeroed (tables indexed by id whose 0
 * means "none"). */
int cib_grow_zeroed(void **ptr, size_t *cap, size_t need, size_t elem);

/* xxHash64 of n bytes with a seed (xxHash, Yann Collet). */
uint64_t cib_hash64(const void *data, size_t n, uint64_t seed);

/* Format Unix seconds t as ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" into buf
 * (at least 21 bytes).  Returns buf. */
char *cib_time_iso(int64_t t, char *buf, size_t n);

/* Copy the NUL-terminated string s into buf (size n >= 1) safe to print
 * on a terminal: C0 controls, DEL and the C1 controls U+0080..U+009F
 * (UTF-8 C2 80..C2 9F) become '?', so that a value from the input (an
 * account id, a platform, a group) cannot send escape sequences; cut at
 * n - 1 bytes without splitting a UTF-8 sequence.  NULL s gives "".
 * Returns buf. */
char *cib_printable(const char *s, char *buf, size_t n);

/* The same for the len bytes at s, which need not end in NUL (a NUL
 * among them is a control like the others and becomes '?'). */
char *cib_printable_n(const char *s, size_t len, char *buf, size_t n);

/* One unsigned integer field of a record, as a radix sort key: `size`
 * bytes (1, 2, 4 or 8) at byte `offset` of the record, in the machine's
 * byte order; its `skip_bits` least significant bits are left out of the
 * key (32 on a uint64_t sorts by its high half only). */
typedef struct cib_radix_field {
    size_t offset;
    unsigned size;
    unsigned skip_bits;
} cib_radix_field;

/* Most key bytes a radix sort takes, over all its fields (a 128-bit key). */
#define CIB_RADIX_MAX_BYTES 16

/* Sort n records of `size` bytes each (rec, n * size bytes) ascending by
 * fields[0 .. n_fields), the most significant first, as unsigned
 * integers.  Stable: records with equal keys keep their order.
 *
 * Method: LSD radix sort (Knuth, TAOCP vol. 3, 5.2.5) by the bytes of
 * the key that vary between records, found with a guess from 3,072
 * records that the histogram read checks; a stretch of 9 to 11 varying
 * bits across two bytes is one digit.  So 64-bit hashes cost 8 passes,
 * 32-bit ids in 64-bit fields at most 4, ids below 2,048 one, keys all
 * equal none (radix.c says why).  Cost: O(n) time per pass, plus one
 * read (two when the guess missed a varying bit), n * size bytes of
 * scratch, 2 KiB of counters per digit (16 KiB for an 11-bit one).
 * Returns 0, CIB_ENOMEM, or CIB_EUSAGE when a field is malformed (size
 * not 1, 2, 4 or 8, skip_bits >= 8 * size, outside the record) or the
 * fields hold more than CIB_RADIX_MAX_BYTES bytes; rec is then
 * untouched. */
int cib_radix_sort(void *rec, size_t n, size_t size,
                   const cib_radix_field *fields, size_t n_fields);

/* Distinct members per group: v holds n values group << 32 | member
 * (repeats allowed); they are sorted (cib_radix_sort) and count[group]
 * gets one for each distinct value, so count (indexed by group, sized by
 * the caller past the largest group) says how many distinct members each
 * group has.  Returns 0 or CIB_ENOMEM (count then untouched). */
int cib_count_distinct(uint64_t *v, size_t n, uint64_t *count);

#endif
