/*
 * source.c — the byte source under the CSV reader: plain files, gzip
 * (zlib inflate, concatenated members allowed, as gzip(1) writes them with
 * `cat a.gz b.gz`), zstd (libzstd streaming, several frames allowed) and
 * standard input.
 *
 * The codec is chosen from the first bytes, so a .gz renamed .csv still
 * reads and stdin can be compressed too.  Plain files are read straight
 * into the caller's buffer with large read(2) calls; compressed input goes
 * through one raw buffer of the same size.  ingest_source_peek reads the
 * first decompressed bytes ahead into a small buffer of their own and
 * hands them out again first, so `auto` can look before a reader is
 * chosen.
 *
 * Decompression bombs: once a compressed input has given more than
 * BOMB_FREE_BYTES (64 MiB), it may not expand more than BOMB_RATIO (1000)
 * times the compressed bytes read so far, or it is refused as bad input.
 * Real exports compress 5:1 to 50:1 (CSV text); deflate cannot pass about
 * 1032:1 at all, so a gzip bomb of one repeated byte is caught right at
 * the limit, and zstd, which can reach far higher ratios, is held to the
 * same bound.  The first 64 MiB are free so small, very repetitive files
 * (a test fixture of one repeated row) still read.
 * Relies on POSIX, zlib, libzstd.
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define DEFAULT_BLOCK (1u << 20)
#define SNIFF_BYTES 16
#define BOMB_FREE_BYTES (UINT64_C(64) << 20)
#define BOMB_RATIO 1000

typedef enum { CODEC_PLAIN, CODEC_GZIP, CODEC_ZSTD } codec;

struct ingest_source {
    int fd;
    bool own_fd;
    codec codec;
    unsigned char *raw; /* raw (compressed) bytes; also the sniffed head */
    size_t raw_cap, raw_pos, raw_end;
    bool raw_eof;
    z_stream z;
    bool z_ready;
    bool member_done;   /* gzip: the last member ended cleanly */
    ZSTD_DStream *zs;
    size_t zhint;       /* last ZSTD_decompressStream result; 0 = frame done */
    uint64_t raw_total; /* compressed bytes read from the file so far */
    uint64_t out_total; /* decompressed bytes handed out so far */
    char *ahead;        /* peeked decompressed bytes, handed out first */
    size_t ahead_pos, ahead_end;
    char name[];
};

const char *ingest_source_name(const ingest_source *s)
{
    return s->name;
}

/* read(2) into buf, retried on EINTR; sets raw_eof at the end.  Returns
 * the count or CIB_EIO. */
static ssize_t read_some(ingest_source *s, void *buf, size_t n,
                         cib_error *err)
{
    ssize_t got;
    do
        got = read(s->fd, buf, n);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return cib_error_set(err, CIB_EIO, s->name, 0, "read error: %s",
                             strerror(errno));
    if (got == 0)
        s->raw_eof = true;
    s->raw_total += (uint64_t)got;
    return got;
}

/* Raw bytes to decode: 1 when some are buffered (reading more once the
 * buffer is used up), 0 at the end of the file, or CIB_EIO. */
static int raw_ready(ingest_source *s, cib_error *err)
{
    if (s->raw_pos < s->raw_end)
        return 1;
    if (s->raw_eof)
        return 0;
    ssize_t n = read_some(s, s->raw, s->raw_cap, err);
    if (n < 0)
        return (int)n;
    s->raw_pos = 0;
    s->raw_end = (size_t)n;
    return n > 0;
}

/* Fill the head of the raw buffer with SNIFF_BYTES (fewer at EOF): a pipe
 * may hand them over a few at a time. */
static int sniff(ingest_source *s, cib_error *err)
{
    while (s->raw_end < SNIFF_BYTES && !s->raw_eof) {
        ssize_t n = read_some(s, s->raw + s->raw_end,
                              s->raw_cap - s->raw_end, err);
        if (n < 0)
            return (int)n;
        s->raw_end += (size_t)n;
    }
    return CIB_OK;
}

static bool head_is(const ingest_source *s, const char *magic, size_t n)
{
    return s->raw_end >= n && memcmp(s->raw, magic, n) == 0;
}

/* Decide the codec from the head and set the decoder up. */
static int choose_codec(ingest_source *s, cib_error *err)
{
    static const struct {
        const char *magic;
        size_t n;
        const char *what;
    } unsupported[] = {
        {"BZh", 3, "bzip2"},
        {"\xfd" "7zXZ\0", 6, "xz"},
        {"PK\x03\x04", 4, "zip"},
    };
    if (head_is(s, "\x1f\x8b", 2)) {
        s->codec = CODEC_GZIP;
        /* 16 + MAX_WBITS: gzip wrapper only, with its CRC checked. */
        int rc = inflateInit2(&s->z, 16 + MAX_WBITS);
        if (rc != Z_OK)
            return cib_error_set(err, CIB_ENOMEM, s->name, 0,
                                 "cannot start gzip decoder");
        s->z_ready = true;
        return CIB_OK;
    }
    if (head_is(s, "\x28\xb5\x2f\xfd", 4)) {
        s->codec = CODEC_ZSTD;
        s->zs = ZSTD_createDStream();
        if (s->zs == NULL || ZSTD_isError(ZSTD_initDStream(s->zs)))
            return cib_error_set(err, CIB_ENOMEM, s->name, 0,
                                 "cannot start zstd decoder");
        s->zhint = 1;
        return CIB_OK;
    }
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++)
        /* "BZh" could begin a header; bzip2 follows it with a level digit */
        if (head_is(s, unsupported[i].magic, unsupported[i].n) &&
            (i != 0 || (s->raw_end > 3 && s->raw[3] >= '1' && s->raw[3] <= '9')))
            return cib_error_set(err, CIB_EINPUT, s->name, 0,
                                 "%s-compressed input is not read; "
                                 "decompress it first or use gzip or zstd",
                                 unsupported[i].what);
    s->codec = CODEC_PLAIN;
    return CIB_OK;
}

int ingest_source_open(ingest_source **out, const char *path, size_t block,
                       cib_error *err)
{
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? INGEST_STDIN_NAME : path;
    size_t name_len = strlen(name);
    ingest_source *s = calloc(1, sizeof *s + name_len + 1);
    if (s == NULL)
        return cib_error_set(err, CIB_ENOMEM, path, 0, "out of memory");
    memcpy(s->name, name, name_len + 1);
    s->fd = -1;
    s->raw_cap = block ? block : DEFAULT_BLOCK;
    if (s->raw_cap < SNIFF_BYTES)
        s->raw_cap = SNIFF_BYTES;
    s->raw = malloc(s->raw_cap);
    if (s->raw == NULL) {
        ingest_source_free(s);
        return cib_error_set(err, CIB_ENOMEM, name, 0, "out of memory");
    }
    if (is_stdin) {
        s->fd = STDIN_FILENO;
    } else {
        s->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (s->fd < 0) {
            int e = errno;
            ingest_source_free(s);
            return cib_error_set(err, CIB_EIO, name, 0, "cannot open: %s",
                                 strerror(e));
        }
        s->own_fd = true;
        struct stat st;
        if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            ingest_source_free(s);
            return cib_error_set(err, CIB_EIO, name, 0,
                                 "is a directory, not an input file");
        }
        (void)posix_fadvise(s->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    int rc = sniff(s, err);
    if (rc == CIB_OK)
        rc = choose_codec(s, err);
    if (rc != CIB_OK) {
        ingest_source_free(s);
        return rc;
    }
    *out = s;
    return CIB_OK;
}

static ssize_t damaged(const ingest_source *s, cib_error *err)
{
    return cib_error_set(err, CIB_EINPUT, s->name, 0,
                         "truncated or corrupt %s stream",
                         s->codec == CODEC_GZIP ? "gzip" : "zstd");
}

/* Up to n bytes of from[*pos, end) into buf, moving *pos past them. */
static ssize_t take(char *buf, size_t n, const void *from, size_t *pos,
                    size_t end)
{
    size_t k = end - *pos < n ? end - *pos : n;
    memcpy(buf, (const char *)from + *pos, k);
    *pos += k;
    return (ssize_t)k;
}

static ssize_t read_plain(ingest_source *s, char *buf, size_t n,
                          cib_error *err)
{
    if (s->raw_pos < s->raw_end) /* the sniffed head first */
        return take(buf, n, s->raw, &s->raw_pos, s->raw_end);
    return s->raw_eof ? 0 : read_some(s, buf, n, err);
}

static ssize_t read_gzip(ingest_source *s, char *buf, size_t n,
                         cib_error *err)
{
    s->z.next_out = (unsigned char *)buf;
    s->z.avail_out = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
    uInt want = s->z.avail_out;
    while (s->z.avail_out == want) {
        int rc = raw_ready(s, err);
        if (rc < 0)
            return rc;
        bool at_eof = rc == 0;
        if (s->member_done) {
            if (at_eof)
                return 0;
            /* another member follows (concatenated .gz files) */
            inflateReset(&s->z);
            s->member_done = false;
        }
        s->z.next_in = s->raw + s->raw_pos;
        s->z.avail_in = (uInt)(s->raw_end - s->raw_pos);
        int ret = inflate(&s->z, Z_NO_FLUSH);
        s->raw_pos = s->raw_end - s->z.avail_in;
        if (ret == Z_STREAM_END)
            s->member_done = true;
        else if (ret == Z_MEM_ERROR)
            return cib_error_set(err, CIB_ENOMEM, s->name, 0,
                                 "out of memory in gzip decoder");
        else if (ret != Z_OK && ret != Z_BUF_ERROR)
            return damaged(s, err);
        else if (at_eof && s->z.avail_out == want)
            return damaged(s, err); /* input ended inside a member */
    }
    return (ssize_t)(want - s->z.avail_out);
}

static ssize_t read_zstd(ingest_source *s, char *buf, size_t n,
                         cib_error *err)
{
    ZSTD_outBuffer out = {buf, n, 0};
    while (out.pos == 0) {
        int rc = raw_ready(s, err);
        if (rc < 0)
            return rc;
        bool at_eof = rc == 0;
        /* 0 means the last frame was decoded and flushed completely */
        if (at_eof && s->zhint == 0)
            return 0;
        ZSTD_inBuffer in = {s->raw, s->raw_end, s->raw_pos};
        size_t r = ZSTD_decompressStream(s->zs, &out, &in);
        s->raw_pos = in.pos;
        if (ZSTD_isError(r))
            return damaged(s, err);
        s->zhint = r;
        if (at_eof && out.pos == 0)
            return damaged(s, err);
    }
    return (ssize_t)out.pos;
}

/* Count n more decompressed bytes; CIB_EINPUT when the input now expands
 * past the bomb bound (see the top of this file). */
static ssize_t check_ratio(ingest_source *s, ssize_t n, cib_error *err)
{
    if (n <= 0)
        return n;
    s->out_total += (uint64_t)n;
    if (s->out_total > BOMB_FREE_BYTES &&
        s->out_total / BOMB_RATIO > s->raw_total)
        return cib_error_set(
            err, CIB_EINPUT, s->name, 0,
            "%s input expands more than %d times (%llu MiB from %llu KiB "
            "read): refused as a likely decompression bomb",
            s->codec == CODEC_GZIP ? "gzip" : "zstd", BOMB_RATIO,
            (unsigned long long)(s->out_total >> 20),
            (unsigned long long)(s->raw_total >> 10));
    return n;
}

/* Decompressed bytes from the file, past what was peeked. */
static ssize_t read_decoded(ingest_source *s, char *buf, size_t n,
                            cib_error *err)
{
    switch (s->codec) {
    case CODEC_GZIP: return check_ratio(s, read_gzip(s, buf, n, err), err);
    case CODEC_ZSTD: return check_ratio(s, read_zstd(s, buf, n, err), err);
    default: return read_plain(s, buf, n, err);
    }
}

ssize_t ingest_source_read(ingest_source *s, char *buf, size_t n,
                           cib_error *err)
{
    if (n == 0)
        return 0;
    if (s->ahead_pos < s->ahead_end)
        return take(buf, n, s->ahead, &s->ahead_pos, s->ahead_end);
    return read_decoded(s, buf, n, err);
}

ssize_t ingest_source_peek(ingest_source *s, const char **head, size_t n,
                           cib_error *err)
{
    *head = NULL;
    if (s->ahead == NULL) {
        s->ahead = malloc(n ? n : 1);
        if (s->ahead == NULL)
            return cib_error_set(err, CIB_ENOMEM, s->name, 0,
                                 "out of memory");
        /* a pipe or a decoder may give the bytes a few at a time */
        while (s->ahead_end < n) {
            ssize_t got = read_decoded(s, s->ahead + s->ahead_end,
                                       n - s->ahead_end, err);
            if (got < 0)
                return got;
            if (got == 0)
                break;
            s->ahead_end += (size_t)got;
        }
    }
    *head = s->ahead + s->ahead_pos;
    return (ssize_t)(s->ahead_end - s->ahead_pos);
}

void ingest_source_free(ingest_source *s)
{
    if (s == NULL)
        return;
    if (s->z_ready)
        inflateEnd(&s->z);
    ZSTD_freeDStream(s->zs);
    if (s->own_fd && s->fd >= 0)
        close(s->fd);
    free(s->raw);
    free(s->ahead);
    free(s);
}
