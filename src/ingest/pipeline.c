/*
 * pipeline.c — the rows of one input, read and checked in batches and
 * committed to the store in input order.
 *
 * With two threads the reader (decompression, CSV, checks, copies)
 * fills batch k+1 while the committer (hashing, interning, appending)
 * stores batch k: the two halves cost about the same (perf, 10 million
 * synthetic events), so ingest takes about half the time on two cores.
 * A ring of a few batches is the only thing they share, under one mutex;
 * everything a batch holds was copied out of the reader's buffers, so the
 * committer never touches them.  Only the reader prints warnings and
 * counts rows, only the committer touches the store, and it takes the
 * batches in order, so the store, the warnings and the first error are
 * those of a single-threaded read.
 * The rows come from an ingest_next_fn, so CSV records and JSON Lines
 * (jsonl.c) go through the same batches, checks, warnings and counts.
 * Relies on row.h, csv.h, values.h and POSIX threads.
 */
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

/* A batch closes at this many rows or bytes: small enough to stay in
 * cache between the threads, large enough that handing it over is rare. */
#define BATCH_ROWS 1024
#define BATCH_BYTES (1u << 20)
#define RING 4

bool ingest_blank(const ingest_record *rec, size_t max_field)
{
    if (rec->n_fields != 1 || rec->len[0] > max_field)
        return false;
    const char *p = rec->field[0];
    size_t n = rec->len[0];
    ingest_trim(&p, &n);
    return n == 0;
}

/* A batch and how reading ended after it. */
typedef struct slot {
    ingest_batch batch;
    bool last;  /* no batch follows */
    int status; /* with last: 0 at the end of the input, else the error */
    cib_error err;
} slot;

/* What the reading side owns. */
typedef struct reader_side {
    ingest_next_fn next;
    void *ctx;
    const char *file;
    const cib_ingest_options *opt;
    cib_ingest_stats stats; /* starts as the caller's: the warning budget
                               spans calls */
} reader_side;

/* Count a rejected row and say so; in strict mode it is the error. */
static int reject(reader_side *r, uint64_t line, const char *why,
                  cib_error *err)
{
    const cib_ingest_options *opt = r->opt;
    r->stats.rejected_rows++;
    if (opt->strict)
        return cib_error_set(err, CIB_EINPUT, r->file, line, "%s", why);
    if (opt->warn && r->stats.rejected_rows <= opt->max_warnings)
        fprintf(opt->warn, "cibscan: %s:%llu: %s; row rejected\n", r->file,
                (unsigned long long)line, why);
    return CIB_OK;
}

/* Fill s with the next rows, up to a batch. */
static void fill(reader_side *r, slot *s)
{
    ingest_batch_clear(&s->batch);
    s->last = false;
    s->status = CIB_OK;
    char why[768];
    while (s->batch.n < BATCH_ROWS && s->batch.n_bytes < BATCH_BYTES) {
        uint64_t line = 0;
        int rc = r->next(r->ctx, &s->batch, &line, why, sizeof why, &s->err);
        if (rc == INGEST_NEXT_SKIPPED) {
            r->stats.skipped_lines++;
            continue;
        }
        if (rc == INGEST_NEXT_ROW || rc == INGEST_NEXT_REJECTED) {
            r->stats.rows++;
            if (rc == INGEST_NEXT_ROW)
                continue;
            rc = reject(r, line, why, &s->err);
            if (rc == CIB_OK)
                continue;
        }
        s->last = true; /* end of input (0) or an error */
        s->status = rc;
        return;
    }
}

/* Store one batch; then the error that ended reading, if any. */
static int commit(ingest_rows *rows, const char *file, slot *s,
                  uint64_t *stored, cib_error *err)
{
    int rc = ingest_batch_commit(rows, &s->batch, file, stored, err);
    if (rc == CIB_OK && s->last && s->status != CIB_OK) {
        *err = s->err;
        rc = s->status;
    }
    return rc;
}

/* ------------------------------------------------------------ threads */

typedef struct pipe_state {
    pthread_mutex_t mu;
    pthread_cond_t cv;   /* any change of filled, used or stop */
    uint64_t filled;     /* batches the reader has handed over */
    uint64_t used;       /* batches the committer has given back */
    bool stop;           /* the committer failed: read no further */
    slot *ring;
    reader_side *reader;
} pipe_state;

static void *read_main(void *arg)
{
    pipe_state *p = arg;
    for (uint64_t k = 0;; k++) {
        pthread_mutex_lock(&p->mu);
        while (!p->stop && k - p->used >= RING)
            pthread_cond_wait(&p->cv, &p->mu);
        bool stop = p->stop;
        pthread_mutex_unlock(&p->mu);
        if (stop)
            return NULL;
        slot *s = &p->ring[k % RING];
        fill(p->reader, s);
        pthread_mutex_lock(&p->mu);
        p->filled = k + 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (s->last)
            return NULL;
    }
}

static int commit_all(pipe_state *p, ingest_rows *rows, const char *file,
                      uint64_t *stored, cib_error *err)
{
    for (uint64_t k = 0;; k++) {
        pthread_mutex_lock(&p->mu);
        while (p->filled <= k)
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
        slot *s = &p->ring[k % RING];
        int rc = commit(rows, file, s, stored, err);
        bool last = s->last;
        pthread_mutex_lock(&p->mu);
        p->used = k + 1;
        if (rc != CIB_OK)
            p->stop = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (rc != CIB_OK || last)
            return rc;
    }
}

/* Both sides on two threads; false when the second thread could not be
 * started (nothing has been read then). */
static bool run_threaded(reader_side *reader, slot *ring, ingest_rows *rows,
                         const char *file, uint64_t *stored, int *rc,
                         cib_error *err)
{
    pipe_state p = {.ring = ring, .reader = reader};
    if (pthread_mutex_init(&p.mu, NULL) != 0)
        return false;
    if (pthread_cond_init(&p.cv, NULL) != 0) {
        pthread_mutex_destroy(&p.mu);
        return false;
    }
    pthread_t tid;
    bool started = pthread_create(&tid, NULL, read_main, &p) == 0;
    if (started) {
        *rc = commit_all(&p, rows, file, stored, err);
        pthread_join(tid, NULL);
    }
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    return started;
}

int ingest_pipeline_rows(ingest_next_fn next, void *ctx, const char *file,
                         ingest_rows *rows, const cib_ingest_options *opt,
                         unsigned threads, cib_ingest_stats *stats,
                         cib_error *err)
{
    reader_side reader = {
        .next = next,
        .ctx = ctx,
        .file = file,
        .opt = opt,
        .stats = *stats,
    };
    slot ring[RING];
    memset(ring, 0, sizeof ring);
    uint64_t stored = 0;
    int rc = CIB_OK;
    if (threads < 2 ||
        !run_threaded(&reader, ring, rows, file, &stored, &rc, err)) {
        do {
            fill(&reader, &ring[0]);
            rc = commit(rows, file, &ring[0], &stored, err);
        } while (rc == CIB_OK && !ring[0].last);
    }
    for (int i = 0; i < RING; i++)
        ingest_batch_release(&ring[i].batch);
    stats->rows = reader.stats.rows;
    stats->rejected_rows = reader.stats.rejected_rows;
    stats->skipped_lines = reader.stats.skipped_lines;
    stats->events += stored;
    return rc;
}

/* ------------------------------------------------------------ CSV rows */

typedef struct csv_rows {
    ingest_csv *csv;
    const ingest_rows *rows; /* layout and limits only */
    size_t max_field;
    const char *file;
} csv_rows;

/* ingest_next_fn over CSV records: blank lines are passed over. */
static int csv_next(void *ctx, ingest_batch *b, uint64_t *line, char *why,
                    size_t why_n, cib_error *err)
{
    csv_rows *c = ctx;
    ingest_record rec;
    int rc;
    do
        rc = ingest_csv_next(c->csv, &rec, err);
    while (rc == 1 && ingest_blank(&rec, c->max_field));
    if (rc != 1)
        return rc;
    *line = rec.line;
    rc = ingest_row_prepare(c->rows, &rec, b, c->file, why, why_n, err);
    return rc == 1 ? INGEST_NEXT_REJECTED : rc == 0 ? INGEST_NEXT_ROW : rc;
}

int ingest_pipeline_run(ingest_csv *csv, const char *file, ingest_rows *rows,
                        size_t max_field, const cib_ingest_options *opt,
                        unsigned threads, cib_ingest_stats *stats,
                        cib_error *err)
{
    csv_rows c = {csv, rows, max_field, file};
    return ingest_pipeline_rows(csv_next, &c, file, rows, opt, threads,
                                stats, err);
}
