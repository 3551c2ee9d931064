/*
 * fuzz_report.c — output safety on any activity CSV: ingest, normalize,
 * coord, graph, then cib_report_write into a scratch folder (under
 * $TMPDIR, /tmp by default), and read the outputs back.
 *
 * Properties: the report is written (every stage accepts what ingest
 * stored); accounts.csv read back with cibscan's own RFC 4180 reader has
 * one row per account whose account_id is the stored id byte for byte,
 * except that an id starting with = + - @ carries one leading ' (formula
 * neutralisation, src/report/csv_out.c) — so quoting, doubled quotes,
 * commas and line breaks inside ids all survive; report.json parses
 * (jansson) and its input.events and input.accounts are the store's; and
 * no staging folder is left behind.
 */
#include <dirent.h>
#include <jansson.h>
#include <sys/stat.h>

#include "fuzz_ingest.h"
#include "report/report.h"

static char scratch[256];

static void remove_scratch(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_report: could not remove %s\n", scratch);
}

static const char *scratch_dir(void)
{
    if (scratch[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%s/cibscan-fuzz-report-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        FUZZ_CHECK(mkdtemp(scratch) != NULL, "cannot make %s", scratch);
        atexit(remove_scratch);
    }
    return scratch;
}

typedef struct readback {
    const cib_store *store;
    size_t row;
} readback;

static int account_row(void *ctx, const char *const *v, uint64_t line,
                       cib_error *err)
{
    (void)err;
    readback *rb = ctx;
    const cib_accounts *a = &rb->store->accounts;
    FUZZ_CHECK(rb->row < a->n, "accounts.csv line %llu: more rows than "
               "accounts", (unsigned long long)line);
    size_t n;
    const char *id = cib_strings_get(rb->store->strings, a->id[rb->row], &n);
    const char *got = v[0];
    if (n && strchr("=+-@", id[0]) != NULL) {
        FUZZ_CHECK(got[0] == '\'', "line %llu: formula not neutralised",
                   (unsigned long long)line);
        got++;
    }
    FUZZ_CHECK(strlen(got) == n && memcmp(got, id, n) == 0,
               "accounts.csv line %llu: id differs from the input",
               (unsigned long long)line);
    rb->row++;
    return CIB_OK;
}

static void check_outputs(const char *out, const cib_store *store)
{
    char path[512];
    snprintf(path, sizeof path, "%s/accounts.csv", out);
    static const char *const cols[] = {"account_id"};
    readback rb = {store, 0};
    cib_error err = {0};
    int rc = cib_ingest_table(path, cols, 1, account_row, &rb, &err);
    FUZZ_CHECK(rc == CIB_OK, "accounts.csv unreadable: %s", err.message);
    FUZZ_CHECK(rb.row == store->accounts.n, "accounts.csv has %zu rows, "
               "store %zu accounts", rb.row, store->accounts.n);

    snprintf(path, sizeof path, "%s/report.json", out);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    FUZZ_CHECK(root != NULL, "report.json does not parse: %s", jerr.text);
    json_t *input = json_object_get(root, "input");
    FUZZ_CHECK(json_integer_value(json_object_get(input, "events")) ==
                       (json_int_t)store->events.n &&
                   json_integer_value(json_object_get(input, "accounts")) ==
                       (json_int_t)store->accounts.n,
               "report.json input counts differ from the store");
    json_decref(root);

    DIR *d = opendir(out);
    FUZZ_CHECK(d != NULL, "output folder missing");
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        FUZZ_CHECK(strncmp(e->d_name, ".cibscan-staging", 16) != 0,
                   "staging folder left behind");
    closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest_setup();
    cib_ingest_options opt;
    fuzz_ingest_options(&opt, CIB_FORMAT_ACTIVITY, 1 + (unsigned)(size & 1));
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    cib_store *store = cib_store_new();
    FUZZ_CHECK(store != NULL, "out of memory");
    cib_ingest_stats stats = {0};
    cib_error err = {0};
    int rc = cib_ingest_file(store, path, &opt, &stats, &err);
    close(fd);
    if (rc != CIB_OK) {
        cib_store_free(store);
        return 0;
    }
    cib_norm norm = {0};
    cib_coord_result coord = {0};
    cib_clustering cl = {0};
    cib_coord_options co;
    cib_graph_options go;
    fuzz_analysis_options(&co, &go);
    FUZZ_CHECK(cib_norm_build(&norm, store, &err) == CIB_OK &&
                   cib_coord_run(&coord, store, &norm, &co, &err) == CIB_OK &&
                   cib_graph_cluster(&cl, &coord, (uint32_t)store->accounts.n,
                                     &go, &err) == CIB_OK,
               "analysis failed: %s", err.message);
    const char *files[] = {path};
    cib_report_input in = {
        .store = store,
        .norm = &norm,
        .coord = &coord,
        .clusters = &cl,
        .tzdb = NULL,
        .run = {.files = files, .n_files = 1, .ingest = &stats,
                .coord = &co, .graph = &go},
    };
    char out[300];
    snprintf(out, sizeof out, "%s/out", scratch_dir());
    rc = cib_report_write(&in, out, &err);
    FUZZ_CHECK(rc == CIB_OK, "report: %s", err.message);
    check_outputs(out, store);
    cib_clustering_free(&cl);
    cib_coord_result_free(&coord);
    cib_norm_free(&norm);
    cib_store_free(store);
    return 0;
}
