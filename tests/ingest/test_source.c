/*
 * test_source.c — the byte source (src/ingest/source.c): plain, gzip and
 * zstd inputs give back exactly the bytes that were compressed (fixtures
 * made here with the zlib and zstd APIs), concatenated members and frames
 * included, for several read sizes; damaged streams, directories, missing
 * files and unsupported compressions fail with the documented codes.
 */
#include "helpers.h"

#include <fcntl.h>
#include <zstd.h>

#include "ingest/source.h"

/* A 300,000-byte CSV-like payload: long enough for several 64 KiB
 * blocks, varied enough that compression is not trivial. */
#define PAYLOAD_N 300000
static char payload[PAYLOAD_N];

static void make_payload(void)
{
    size_t used = 0;
    for (unsigned i = 0; used < PAYLOAD_N; i++) {
        char line[64];
        int n = snprintf(line, sizeof line, "acc%u,%u,http://x.org/%u\n",
                         i % 977, 1600000000u + i * 7u, (i * 2654435761u) % 10007u);
        size_t k = (size_t)n < PAYLOAD_N - used ? (size_t)n : PAYLOAD_N - used;
        memcpy(payload + used, line, k);
        used += k;
    }
}

static size_t zstd_bytes(const void *data, size_t n, unsigned char *out,
                         size_t cap)
{
    size_t len = ZSTD_compress(out, cap, data, n, 3);
    assert_false(ZSTD_isError(len));
    return len;
}

/* Everything the source yields with reads of `chunk` bytes (block size
 * `block`), into out; returns the total, or the negative error. */
static ssize_t read_all(const char *path, size_t block, size_t chunk,
                        char *out, size_t cap, cib_error *err)
{
    ingest_source *s;
    int rc = ingest_source_open(&s, path, block, err);
    if (rc != CIB_OK)
        return rc;
    size_t total = 0;
    ssize_t n;
    while ((n = ingest_source_read(s, out + total,
                                   chunk < cap - total ? chunk : cap - total,
                                   err)) > 0)
        total += (size_t)n;
    /* reading again after the end keeps giving 0 */
    if (n == 0)
        assert_int_equal(ingest_source_read(s, out, 1, err), 0);
    ingest_source_free(s);
    return n < 0 ? n : (ssize_t)total;
}

static char back[2 * PAYLOAD_N + 16];

static void expect_payload(const char *path, const char *want, size_t n)
{
    static const size_t sizes[][2] = {{0, 1 << 20}, {4096, 4096},
                                      {65536, 1000}, {16, 7}, {1, 3}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        cib_error err = {0};
        ssize_t got = read_all(path, sizes[i][0], sizes[i][1], back,
                               sizeof back, &err);
        if (got != (ssize_t)n)
            fail_msg("%s block %zu chunk %zu: got %zd bytes (%s), want %zu",
                     path, sizes[i][0], sizes[i][1], got, err.message, n);
        assert_memory_equal(back, want, n);
    }
}

static unsigned char packed[2 * PAYLOAD_N];

static void test_plain(void **state)
{
    (void)state;
    expect_payload(tmp_write("plain.csv", payload, PAYLOAD_N), payload,
                   PAYLOAD_N);
    /* shorter than the 16 sniffed bytes */
    expect_payload(tmp_text("tiny.csv", "a\n"), "a\n", 2);
    expect_payload(tmp_text("empty.csv", ""), "", 0);
}

typedef size_t (*compress_fn)(const void *data, size_t n, unsigned char *out,
                              size_t cap);

/* The payload compressed, then a second member / frame holding "tail\n"
 * right after the first: one read gives both, in a row, as
 * `cat a.gz b.gz | gunzip` does.  Named .csv: the codec comes from the
 * magic bytes, not the name. */
static void expect_round_trip(compress_fn pack, const char *name)
{
    size_t n = pack(payload, PAYLOAD_N, packed, sizeof packed);
    expect_payload(tmp_write(name, packed, n), payload, PAYLOAD_N);
    size_t m = pack("tail\n", 5, packed + n, sizeof packed - n);
    static char want[PAYLOAD_N + 5];
    memcpy(want, payload, PAYLOAD_N);
    memcpy(want + PAYLOAD_N, "tail\n", 5);
    expect_payload(tmp_write("two.csv", packed, n + m), want, PAYLOAD_N + 5);
    /* the compression of nothing is an empty input */
    n = pack("", 0, packed, sizeof packed);
    expect_payload(tmp_write("nothing.csv", packed, n), "", 0);
}

static void test_gzip_round_trip(void **state)
{
    (void)state;
    expect_round_trip(gzip_bytes, "gz.csv");
}

static void test_zstd_round_trip(void **state)
{
    (void)state;
    expect_round_trip(zstd_bytes, "zst.csv");
}

static void expect_damaged(const char *path, const char *message)
{
    cib_error err = {0};
    ssize_t got = read_all(path, 4096, 4096, back, sizeof back, &err);
    assert_int_equal(got, CIB_EINPUT);
    assert_string_equal(err.message, message);
    assert_string_equal(err.file, path);
}

/* Cut in half, or with the last byte of the trailer (the length) gone,
 * or with bytes flipped mid-stream: "truncated or corrupt". */
static void test_damaged_streams(void **state)
{
    (void)state;
    size_t n = gzip_bytes(payload, PAYLOAD_N, packed, sizeof packed);
    expect_damaged(tmp_write("half.gz", packed, n / 2),
                   "truncated or corrupt gzip stream");
    expect_damaged(tmp_write("short.gz", packed, n - 1),
                   "truncated or corrupt gzip stream");
    for (size_t i = n / 2; i < n / 2 + 16; i++)
        packed[i] ^= 0x5a;
    expect_damaged(tmp_write("flipped.gz", packed, n),
                   "truncated or corrupt gzip stream");
    /* trailing bytes that are no gzip member */
    n = gzip_bytes("a\n", 2, packed, sizeof packed);
    memcpy(packed + n, "junk", 4);
    expect_damaged(tmp_write("junk.gz", packed, n + 4),
                   "truncated or corrupt gzip stream");

    n = zstd_bytes(payload, PAYLOAD_N, packed, sizeof packed);
    expect_damaged(tmp_write("half.zst", packed, n / 2),
                   "truncated or corrupt zstd stream");
    /* magic alone */
    expect_damaged(tmp_write("magic.zst", packed, 4),
                   "truncated or corrupt zstd stream");
}

static void test_open_errors(void **state)
{
    (void)state;
    cib_error err = {0};
    ingest_source *s = (ingest_source *)&err; /* must be reset to NULL */
    assert_int_equal(ingest_source_open(&s, tmp_folder(), 0, &err), CIB_EIO);
    assert_null(s);
    assert_string_equal(err.message, "is a directory, not an input file");
    assert_string_equal(err.file, tmp_folder());

    char missing[512];
    snprintf(missing, sizeof missing, "%s/no_such.csv", tmp_folder());
    assert_int_equal(ingest_source_open(&s, missing, 0, &err), CIB_EIO);
    assert_string_equal(err.message, "cannot open: No such file or directory");
    assert_string_equal(err.file, missing);

    /* bzip2: "BZh" and a level digit */
    assert_int_equal(ingest_source_open(&s, tmp_text("x.bz2", "BZh91AY&SY"),
                                        0, &err),
                     CIB_EINPUT);
    assert_string_equal(err.message, "bzip2-compressed input is not read; "
                                     "decompress it first or use gzip or zstd");
    /* ... but a header that starts with "BZh" is text */
    expect_payload(tmp_text("bzh.csv", "BZhx,time\n"), "BZhx,time\n", 10);
    assert_int_equal(ingest_source_open(&s, tmp_write("x.xz",
                                                      "\xfd" "7zXZ\0\0", 8),
                                        0, &err),
                     CIB_EINPUT);
    assert_string_equal(err.message, "xz-compressed input is not read; "
                                     "decompress it first or use gzip or zstd");
}

/* "-" reads standard input (here a gzip file put in its place) and is
 * named "(stdin)" in messages. */
static void test_stdin(void **state)
{
    (void)state;
    size_t n = gzip_bytes(payload, PAYLOAD_N, packed, sizeof packed);
    const char *path = tmp_write("stdin.gz", packed, n);
    int saved = dup(STDIN_FILENO);
    int fd = open(path, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    cib_error err = {0};
    ingest_source *s;
    assert_int_equal(ingest_source_open(&s, "-", 0, &err), CIB_OK);
    assert_string_equal(ingest_source_name(s), "(stdin)");
    size_t total = 0;
    ssize_t got;
    while ((got = ingest_source_read(s, back + total, 65536, &err)) > 0)
        total += (size_t)got;
    ingest_source_free(s);
    assert_int_equal(got, 0);
    assert_int_equal(total, PAYLOAD_N);
    assert_memory_equal(back, payload, PAYLOAD_N);
    /* the source did not close standard input */
    assert_true(fcntl(STDIN_FILENO, F_GETFD) >= 0);
    dup2(saved, STDIN_FILENO);
    close(saved);
}

static int setup(void **state)
{
    (void)state;
    make_payload();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_gzip_round_trip),
        cmocka_unit_test(test_zstd_round_trip),
        cmocka_unit_test(test_damaged_streams),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_stdin),
    };
    return cmocka_run_group_tests(tests, setup, tmp_cleanup);
}
