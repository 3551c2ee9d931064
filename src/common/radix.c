/*
 * radix.c — cibscan's one radix sort: a stable LSD sort of fixed-size
 * records by unsigned integer fields of theirs (common.h).  coord sorts
 * its (key, rank, account) incidences with it, normalize its LSH band
 * keys and texts' first times, the report's profiles their
 * (vocabulary, id) items.
 *
 * Why not qsort: these sorts take up to tens of millions of records; a
 * comparison sort costs about log2 n calls through a function pointer
 * per record, a counting pass a sequential read and a scattered write.
 *
 * Digits: bytes, over the bits that vary.  Keys rarely use their whole
 * width (32-bit ids in 64-bit fields, a few hundred item ids beside
 * three vocabularies, times within two years), and a pass costs as much
 * whatever its digit holds.  A field's varying bits are cut into runs (a
 * stretch of fewer than 8 constant bits stays inside a run); a run is
 * sorted by each byte it touches, its bits of the byte masked, except
 * that a run of 9 to 11 bits across two bytes is one "wide" digit.  So
 * 64-bit hashes take eight passes, 32-bit ids at most four, the items
 * two (ids < 2,048, vocabularies), a key equal in every record none.
 * Bytes because 256 counters and write positions stay in the L1 cache
 * and the TLB, and a byte is read with one load; 16-bit digits' 65,536
 * miss the cache on every scattered write, three passes of 11 bits were
 * slower than four of 8 on a million 32-bit keys, yet one pass of up to
 * 11 bits beat two narrow ones at every size measured (20,000 to 4
 * million 8- and 16-byte records, 35-40% less time up to a million).
 *
 * Which bits vary is needed before the one read that takes every
 * digit's histogram (a histogram does not depend on the records' order,
 * so all are taken before any record moves).  It is guessed from the
 * first, middle and last 1,024 records (enough for random keys and for
 * keys in or near their order), and the read checks the guess: the key
 * bits no digit covers are compared with the first record's, a masked
 * XOR a record word, and only when there are such bits (a key whose
 * every byte varies costs nothing more).  Should a bit vary that the
 * guess missed, the bits are found in one more read, the digits planned
 * again and the histograms taken again.  Counting a byte that never
 * changes would cost more than checking it: each record's increment of
 * the one counter waits for the last.  A digit that is the same in every
 * record moves nothing and its pass is skipped.
 *
 * The loops that touch every record are always inlined with constant
 * record sizes for the callers' 8- and 16-byte records, so a record is
 * copied in one or two moves, and the histogram loops are instantiated
 * per shape (whole bytes, checks or none, wide digits or none) as
 * functions of their own, with their registers to themselves.
 *
 * Relies on libc only.
 */
#include "common.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A run of more than WIDE_BITS bits is sorted by its bytes. */
#define WIDE_BITS 11
/* Digits of a key: a field of b bytes yields at most b (a run is one
 * digit or one per byte it touches, and runs are >= 8 bits apart). */
#define MAX_DIGITS CIB_RADIX_MAX_BYTES
/* Records in each of the three stretches the varying bits are guessed
 * from. */
#define GUESS 1024

#define INLINE static inline __attribute__((always_inline))

/* A digit of the key: a byte of the record, `byte & mask` (fsize 0), or
 * bits (field >> shift) & mask of the fsize-byte field at byte `at`;
 * the same (in records of 8 bytes or more on a little-endian machine) as
 * (the 8 bytes at wl >> wshift) & mask, a load with no size to switch
 * on. */
typedef struct digit {
    size_t at;
    unsigned fsize, shift;
    uint64_t mask;
    size_t wl;
    unsigned wshift;
} digit;

/* The sort's request: where the records are and what orders them. */
typedef struct job {
    const unsigned char *rec;
    size_t n, size;
    const cib_radix_field *fields;
    size_t n_fields;
    int wide_loads; /* digits' wl and wshift hold */
} job;

/* The value of the `fsize`-byte unsigned integer at r + offset, in the
 * machine's byte order.  Inlined with a constant fsize it is one load. */
INLINE uint64_t field_at(const unsigned char *r, size_t offset,
                         unsigned fsize)
{
    switch (fsize) {
    case 1:
        return r[offset];
    case 2: {
        uint16_t v;
        memcpy(&v, r + offset, 2);
        return v;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, r + offset, 4);
        return v;
    }
    default: {
        uint64_t v;
        memcpy(&v, r + offset, 8);
        return v;
    }
    }
}

/* Record r's value of digit d (a bucket: below 256, or 2^11 when wide). */
INLINE size_t digit_of(const unsigned char *r, const digit *d)
{
    if (d->fsize == 0)
        return r[d->at] & d->mask;
    return (field_at(r, d->at, d->fsize) >> d->shift) & d->mask;
}

/* Counters a digit needs. */
static size_t buckets(const digit *d)
{
    return d->fsize == 0 ? 256 : (size_t)d->mask + 1;
}

static uint64_t low_bits(unsigned n)
{
    return n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
}

/* Where the byte of significance b (0: the least) of a `size`-byte
 * unsigned integer stored at byte `offset` lies. */
static size_t byte_at(size_t offset, unsigned size, unsigned b)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return offset + size - 1 - b;
#else
    (void)size;
    return offset + b;
#endif
}

static int valid(size_t size, const cib_radix_field *fields, size_t n_fields)
{
    size_t bytes = 0;
    for (size_t f = 0; f < n_fields; f++) {
        const cib_radix_field *k = &fields[f];
        if (!(k->size == 1 || k->size == 2 || k->size == 4 || k->size == 8) ||
            k->skip_bits >= 8 * k->size || k->offset > size ||
            k->size > size - k->offset)
            return 0;
        bytes += k->size;
    }
    return bytes <= CIB_RADIX_MAX_BYTES;
}

/* ------------------------------------------------ the varying bits */

static void or_and_start(size_t n_fields, uint64_t *o, uint64_t *a)
{
    for (size_t f = 0; f < n_fields; f++) {
        o[f] = 0;
        a[f] = ~(uint64_t)0;
    }
}

/* OR and AND of each field over records [from, to), accumulated. */
static void or_and(const job *j, size_t from, size_t to, uint64_t *o,
                   uint64_t *a)
{
    const unsigned char *r = j->rec + from * j->size;
    for (size_t i = from; i < to; i++, r += j->size)
        for (size_t f = 0; f < j->n_fields; f++) {
            uint64_t v = field_at(r, j->fields[f].offset, j->fields[f].size);
            o[f] |= v;
            a[f] &= v;
        }
}

/* The bits of each field that differ (skip_bits left out), from its OR
 * and AND. */
static void differ(const job *j, const uint64_t *o, const uint64_t *a,
                   uint64_t *diff)
{
    for (size_t f = 0; f < j->n_fields; f++)
        diff[f] = (o[f] ^ a[f]) & ~low_bits(j->fields[f].skip_bits);
}

/* The guess: the varying bits of the first, middle and last GUESS
 * records (of all of them when there are few). */
static void guess(const job *j, uint64_t *diff)
{
    uint64_t o[CIB_RADIX_MAX_BYTES], a[CIB_RADIX_MAX_BYTES];
    or_and_start(j->n_fields, o, a);
    if (j->n <= 6 * GUESS) {
        or_and(j, 0, j->n, o, a);
    } else {
        or_and(j, 0, GUESS, o, a);
        or_and(j, j->n / 2, j->n / 2 + GUESS, o, a);
        or_and(j, j->n - GUESS, j->n, o, a);
    }
    differ(j, o, a, diff);
}

/* ------------------------------------------------ the plan */

/* The digits of the varying bits diff[f], least significant first, into
 * d; returns how many.  A field's varying bits are cut into runs (a gap
 * of fewer than 8 constant bits stays inside a run).  A run inside one
 * byte is that byte's digit; a run of up to WIDE_BITS bits is one wide
 * digit; a longer run is a digit per byte it touches, its bits of the
 * byte masked (the others are constant, or skipped). */
static size_t make_digits(const job *j, const uint64_t *diff, digit *d)
{
    size_t nd = 0;
    for (size_t f = j->n_fields; f-- > 0;) {
        size_t off = j->fields[f].offset;
        unsigned fsize = j->fields[f].size;
        uint64_t m = diff[f];
        while (m) {
            unsigned lo = (unsigned)__builtin_ctzll(m), hi = lo;
            for (uint64_t rest = m >> lo; rest;) {
                unsigned ones =
                    ~rest ? (unsigned)__builtin_ctzll(~rest) : 64;
                hi += ones;
                rest = ones >= 64 ? 0 : rest >> ones;
                if (rest == 0)
                    break;
                unsigned gap = (unsigned)__builtin_ctzll(rest);
                if (gap >= 8)
                    break;
                hi += gap;
                rest >>= gap;
            }
            uint64_t run = low_bits(hi) & ~low_bits(lo);
            if (lo / 8 != (hi - 1) / 8 && hi - lo <= WIDE_BITS) {
                assert(nd < MAX_DIGITS);
                size_t wl = j->size >= 8 && off > j->size - 8 ? j->size - 8
                                                               : off;
                d[nd++] = (digit){off, fsize, lo, low_bits(hi - lo), wl,
                                  (unsigned)(8 * (off - wl)) + lo};
            } else {
                for (unsigned b = lo / 8; b <= (hi - 1) / 8; b++) {
                    assert(nd < MAX_DIGITS);
                    d[nd++] = (digit){byte_at(off, fsize, b), 0, 0,
                                      (run >> (8 * b)) & 0xff, 0, 0};
                }
            }
            m &= ~run;
        }
    }
    return nd;
}

/* ------------------------------------------------ the histograms */

/* The counters: those of the nb byte digits first, 256 each in their
 * order, then those of the wide digits; where digit k's start. */
static void lay_out(const digit *d, size_t nd, size_t *at, size_t *total)
{
    size_t nb = 0, w = 0;
    for (size_t k = 0; k < nd; k++)
        nb += d[k].fsize == 0;
    w = nb * 256;
    for (size_t k = 0, b = 0; k < nd; k++) {
        if (d[k].fsize == 0) {
            at[k] = 256 * b++;
        } else {
            at[k] = w;
            w += buckets(&d[k]);
        }
    }
    *total = w;
}

/* The key bits the digits leave out: the guess says they are the same in
 * every record, and the histogram read checks it against the first
 * record.  Bytes of the record holding some, at most CIB_RADIX_MAX_BYTES
 * (key bytes), with those bits and the first record's byte; for 8- and
 * 16-byte records the same as words. */
typedef struct check {
    size_t at[CIB_RADIX_MAX_BYTES], n;
    unsigned char mask[CIB_RADIX_MAX_BYTES], first[CIB_RADIX_MAX_BYTES];
    uint64_t wmask[2], wfirst[2];
} check;

static void unchecked(const job *j, const digit *d, size_t nd, check *c)
{
    c->n = 0;
    for (size_t f = 0; f < j->n_fields; f++) {
        const cib_radix_field *k = &j->fields[f];
        uint64_t left = ~low_bits(k->skip_bits); /* of the field's value */
        for (size_t q = 0; q < nd; q++)
            if (d[q].fsize == 0 && d[q].at >= k->offset &&
                d[q].at < k->offset + k->size) {
                for (unsigned b = 0; b < k->size; b++)
                    if (byte_at(k->offset, k->size, b) == d[q].at)
                        left &= ~(d[q].mask << (8 * b));
            } else if (d[q].fsize != 0 && d[q].at == k->offset &&
                       d[q].fsize == k->size) {
                left &= ~(d[q].mask << d[q].shift);
            }
        for (unsigned b = 0; b < k->size; b++) {
            unsigned char m = (unsigned char)(left >> (8 * b));
            if (m == 0)
                continue;
            size_t at = byte_at(k->offset, k->size, b);
            size_t i = 0;
            while (i < c->n && c->at[i] != at)
                i++;
            if (i == c->n) {
                c->at[c->n] = at;
                c->mask[c->n] = 0;
                c->first[c->n++] = j->rec[at];
            }
            c->mask[i] |= m;
        }
    }
    unsigned char wm[16] = {0}, wf[16] = {0};
    if (j->size <= 16)
        for (size_t i = 0; i < c->n; i++) {
            wm[c->at[i]] = c->mask[i];
            wf[c->at[i]] = c->first[i];
        }
    memcpy(c->wmask, wm, sizeof wm);
    memcpy(c->wfirst, wf, sizeof wf);
}

/* Every digit's histogram into count (laid out by lay_out, zeroed); 0,
 * or 1 when a bit the digits leave out differs from the first record's
 * in some record (c).  SIZE 8 or 16: records read as words, the check a
 * masked XOR a word; SIZE 0: any size, bytes checked one by one.  The
 * byte digits' bytes and masks are copied to locals (the counters'
 * stores could otherwise alias them and have them read again every
 * record).  MASKED 0: every byte digit's mask is 0xff; WIDE 0: there is
 * no wide digit; CHECK 0: nothing to check. */
INLINE int count_all(const job *j, const digit *d, size_t nd,
                     size_t *restrict count, const size_t *at,
                     const check *c, size_t SIZE, int MASKED, int WIDE,
                     int CHECK)
{
    size_t bat[MAX_DIGITS], nb = 0, wide[MAX_DIGITS], nw = 0;
    size_t wl[MAX_DIGITS], wc[MAX_DIGITS];
    unsigned bmask[MAX_DIGITS], ws[MAX_DIGITS];
    uint64_t wm[MAX_DIGITS];
    for (size_t k = 0; k < nd; k++) {
        if (d[k].fsize == 0) {
            bat[nb] = d[k].at;
            bmask[nb++] = (unsigned)d[k].mask;
        } else {
            wl[nw] = d[k].wl;
            ws[nw] = d[k].wshift;
            wm[nw] = d[k].mask;
            wc[nw] = at[k];
            wide[nw++] = k;
        }
    }
    uint64_t vw0 = c->wmask[0], vw1 = c->wmask[1], ew0 = c->wfirst[0],
             ew1 = c->wfirst[1], miss = 0;
    size_t size = SIZE ? SIZE : j->size;
    const unsigned char *r = j->rec;
    for (size_t i = 0, n = j->n; i < n; i++, r += size) {
        if (CHECK && SIZE) {
            uint64_t w[2] = {0, 0};
            memcpy(w, r, SIZE);
            miss |= ((w[0] ^ ew0) & vw0) | ((w[1] ^ ew1) & vw1);
        } else if (CHECK) {
            for (size_t k = 0; k < c->n; k++)
                miss |= (uint64_t)((r[c->at[k]] ^ c->first[k]) & c->mask[k]);
        }
        for (size_t k = 0; k < nb; k++)
            count[256 * k + (MASKED ? r[bat[k]] & bmask[k] : r[bat[k]])]++;
        if (WIDE && SIZE) /* >= 8 bytes: j->wide_loads on little-endian */
            for (size_t k = 0; k < nw; k++) {
                uint64_t v;
                memcpy(&v, r + wl[k], 8);
                count[wc[k] + ((v >> ws[k]) & wm[k])]++;
            }
        else if (WIDE)
            for (size_t k = 0; k < nw; k++)
                count[wc[k] + digit_of(r, &d[wide[k]])]++;
    }
    return miss != 0;
}

/* The instances, each a function of its own so that its loop has the
 * registers to itself. */
#define COUNT_ALL(name, SIZE, MASKED, WIDE, CHECK)                            \
    static __attribute__((noinline)) int name(                                \
        const job *j, const digit *d, size_t nd, size_t *count,               \
        const size_t *at, const check *c)                                     \
    {                                                                         \
        return count_all(j, d, nd, count, at, c, SIZE, MASKED, WIDE, CHECK);  \
    }
COUNT_ALL(count_8, 8, 0, 0, 0)         /* normalize's high halves */
COUNT_ALL(count_16, 16, 0, 0, 0)       /* coord's 64-bit hashes */
COUNT_ALL(count_16_check, 16, 0, 0, 1) /* coord's ids, times */
COUNT_ALL(count_8_any, 8, 1, 1, 1)     /* the profiles' items */
COUNT_ALL(count_16_any, 16, 1, 1, 1)
COUNT_ALL(count_any, 0, 1, 1, 1)

/* Every digit's histogram into count (laid out by lay_out, zeroed), in
 * one read of every record; 0, or 1 when the guess left out a bit that
 * varies. */
static int histograms(const job *j, const digit *d, size_t nd,
                      size_t *count, const size_t *at)
{
    check c;
    unchecked(j, d, nd, &c);
    int plain = 1; /* whole bytes only */
    for (size_t k = 0; k < nd; k++)
        plain &= d[k].fsize == 0 && d[k].mask == 0xff;
    if (j->size == 8 && plain && c.n == 0)
        return count_8(j, d, nd, count, at, &c);
    if (j->size == 16 && plain && c.n == 0)
        return count_16(j, d, nd, count, at, &c);
    if (j->size == 16 && plain)
        return count_16_check(j, d, nd, count, at, &c);
    if (j->size == 8 && j->wide_loads)
        return count_8_any(j, d, nd, count, at, &c);
    if (j->size == 16 && j->wide_loads)
        return count_16_any(j, d, nd, count, at, &c);
    return count_any(j, d, nd, count, at, &c);
}

/* ------------------------------------------------ the passes */

/* One counting pass: each record of src goes to the slot pos[its digit
 * d]++ of dst, in src order (hence stable).  Always inlined, so that the
 * callers below with a constant size copy a record in one or two moves,
 * not a call to memcpy. */
INLINE void scatter_byte(unsigned char *restrict dst,
                         const unsigned char *restrict src, size_t n,
                         size_t size, size_t at, unsigned mask,
                         size_t *restrict pos)
{
    for (size_t i = 0; i < n; i++, src += size)
        memcpy(dst + pos[src[at] & mask]++ * size, src, size);
}

INLINE void scatter_wide(unsigned char *restrict dst,
                         const unsigned char *restrict src, size_t n,
                         size_t size, const digit *d, size_t *restrict pos)
{
    size_t at = d->at;
    unsigned fsize = d->fsize, shift = d->shift;
    uint64_t mask = d->mask;
    for (size_t i = 0; i < n; i++, src += size) {
        size_t b = (field_at(src, at, fsize) >> shift) & mask;
        memcpy(dst + pos[b]++ * size, src, size);
    }
}

/* The same with the 8 bytes at d->wl loaded (j->wide_loads). */
INLINE void scatter_load(unsigned char *restrict dst,
                         const unsigned char *restrict src, size_t n,
                         size_t size, const digit *d, size_t *restrict pos)
{
    size_t wl = d->wl;
    unsigned shift = d->wshift;
    uint64_t mask = d->mask;
    for (size_t i = 0; i < n; i++, src += size) {
        uint64_t v;
        memcpy(&v, src + wl, 8);
        memcpy(dst + pos[(v >> shift) & mask]++ * size, src, size);
    }
}

static void pass(const job *j, unsigned char *restrict dst,
                 const unsigned char *restrict src, const digit *d,
                 size_t *pos)
{
    size_t n = j->n;
    if (d->fsize == 0) {
        unsigned m = (unsigned)d->mask;
        if (j->size == 16 && m == 0xff) /* coord records */
            scatter_byte(dst, src, n, 16, d->at, 0xff, pos);
        else if (j->size == 16)
            scatter_byte(dst, src, n, 16, d->at, m, pos);
        else if (j->size == 8 && m == 0xff) /* 64-bit words */
            scatter_byte(dst, src, n, 8, d->at, 0xff, pos);
        else if (j->size == 8)
            scatter_byte(dst, src, n, 8, d->at, m, pos);
        else
            scatter_byte(dst, src, n, j->size, d->at, m, pos);
    } else if (j->wide_loads) {
        if (j->size == 16)
            scatter_load(dst, src, n, 16, d, pos);
        else if (j->size == 8)
            scatter_load(dst, src, n, 8, d, pos);
        else
            scatter_load(dst, src, n, j->size, d, pos);
    } else {
        scatter_wide(dst, src, n, j->size, d, pos);
    }
}

/* ------------------------------------------------ the sort */

int cib_radix_sort(void *rec, size_t n, size_t size,
                   const cib_radix_field *fields, size_t n_fields)
{
    if (!valid(size, fields, n_fields))
        return CIB_EUSAGE;
    if (n < 2)
        return CIB_OK;
    int le = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    le = 1;
#endif
    job j = {rec, n, size, fields, n_fields, le && size >= 8};
    uint64_t diff[CIB_RADIX_MAX_BYTES];
    digit d[MAX_DIGITS];
    size_t at[MAX_DIGITS], nd;
    size_t *count = NULL;
    guess(&j, diff);
    for (;;) {
        nd = make_digits(&j, diff, d);
        size_t total;
        lay_out(d, nd, at, &total);
        free(count);
        count = calloc(total ? total : 1, sizeof *count);
        if (count == NULL)
            return CIB_ENOMEM;
        if (!histograms(&j, d, nd, count, at))
            break;
        /* a bit varies that the guess missed: find them all, plan again,
         * read again */
        uint64_t o[CIB_RADIX_MAX_BYTES], a[CIB_RADIX_MAX_BYTES];
        or_and_start(n_fields, o, a);
        or_and(&j, 0, n, o, a);
        differ(&j, o, a, diff);
    }
    unsigned char *tmp = nd > 0 && n <= SIZE_MAX / size ? malloc(n * size)
                                                         : NULL;
    if (nd > 0 && tmp == NULL) {
        free(count);
        return CIB_ENOMEM;
    }
    unsigned char *src = rec, *dst = tmp;
    for (size_t k = 0; k < nd; k++) {
        size_t *pos = count + at[k], sum = 0;
        if (pos[digit_of(rec, &d[k])] == n)
            continue; /* the first record's digit is everyone's */
        for (size_t c = 0; c < buckets(&d[k]); c++) {
            size_t x = pos[c];
            pos[c] = sum;
            sum += x;
        }
        pass(&j, dst, src, &d[k], pos);
        unsigned char *t = src;
        src = dst;
        dst = t;
    }
    if (src != rec) /* an odd number of passes ended in tmp */
        memcpy(rec, src, n * size);
    free(tmp);
    free(count);
    return CIB_OK;
}

int cib_count_distinct(uint64_t *v, size_t n, uint64_t *count)
{
    static const cib_radix_field whole = {0, 8, 0};
    int rc = cib_radix_sort(v, n, sizeof *v, &whole, 1);
    if (rc != CIB_OK)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || v[i] != v[i - 1])
            count[v[i] >> 32]++;
    return CIB_OK;
}
