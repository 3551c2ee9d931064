/*
 * chunks.c — lines prepared a chunk at a time on several threads.
 *
 * Why: preparing a JSON Lines row is mostly jansson's parse and the
 * malloc/free under it, and lines are independent.  Parsing on helpers
 * while the reading thread walked the parsed values cost more than it
 * saved (perf: the reading thread three times slower, every hash-table
 * probe a miss on another core's cache, and frees into another thread's
 * malloc arena), so a chunk is taken whole by one thread, which parses,
 * checks and copies each line's values into the chunk's own batch and
 * frees the parse at once.  The reading thread only copies lines in and
 * prepared rows out (sequential memory), and takes a chunk itself
 * whenever the one it must hand out next is not ready.
 *
 * Chunks form a ring in input order: EMPTY -> FILLED (the reading thread
 * copied lines in) -> BUSY (a thread prepares it) -> DONE -> handed out
 * -> EMPTY.  A chunk's contents are written only by the thread that holds
 * it in that state, and every change of state happens under one mutex,
 * which orders the writes before the next holder's reads.
 * Relies on lines.h, row.h, pipeline.h (outcomes), values.h, POSIX
 * threads.
 */
#include "chunks.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "values.h"

/* A chunk: large enough that handing it over is rare, small enough that
 * the ring (threads + 2 chunks) stays a few MiB per thread. */
#define CHUNK_LINES 256
#define CHUNK_BYTES (1u << 20)
#define WHY_BYTES 768

enum { EMPTY, FILLED, BUSY, DONE };

typedef struct line_ref {
    size_t off, len; /* in bytes; for a line over the limit len is its
                        length and too_long is set */
    uint64_t line;
    bool too_long;
} line_ref;

typedef struct outcome {
    int kind;   /* INGEST_NEXT_ROW, _REJECTED or _SKIPPED */
    size_t why; /* a rejection's message in msgs */
} outcome;

typedef struct chunk {
    int state;
    bool last; /* the input ends after it */
    char *bytes;
    size_t n_bytes, cap_bytes;
    line_ref *ln;
    size_t n, cap;
    /* prepared */
    outcome *out;
    size_t cap_out, n_done; /* lines prepared: n unless fatal */
    int fatal;              /* an error at line n_done, in err */
    cib_error err;
    char *msgs;
    size_t n_msgs, cap_msgs;
    ingest_batch batch;
    /* handing out */
    size_t next, next_row;
} chunk;

typedef struct helper {
    ingest_chunks *p;
    unsigned self;
} helper;

struct ingest_chunks {
    ingest_lines *lines;
    const char *file;
    ingest_line_fn fn;
    void *const *ctx;
    chunk *ring;
    size_t n_ring;
    uint64_t head;   /* the chunk being handed out */
    uint64_t filled; /* chunks filled so far */
    bool ended;      /* the line reader has ended, with end_status */
    int end_status;
    cib_error end_err;
    /* helpers */
    pthread_t *tid;
    helper *helpers;
    unsigned started;
    bool sync_ready;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    bool quit;
};

static void lock(ingest_chunks *p)
{
    if (p->sync_ready)
        pthread_mutex_lock(&p->mu);
}

static void unlock(ingest_chunks *p)
{
    if (p->sync_ready)
        pthread_mutex_unlock(&p->mu);
}

/* ------------------------------------------------------------ preparing */

/* Keep a rejection's message.  Returns 0 or CIB_ENOMEM. */
static int keep_why(chunk *c, const char *why, size_t *at)
{
    size_t n = strlen(why) + 1;
    if (cib_grow((void **)&c->msgs, &c->cap_msgs, c->n_msgs + n, 1))
        return CIB_ENOMEM;
    memcpy(c->msgs + c->n_msgs, why, n);
    *at = c->n_msgs;
    c->n_msgs += n;
    return CIB_OK;
}

/* Prepare every line of c with fn and this thread's ctx. */
static void prepare(ingest_chunks *p, chunk *c, void *ctx)
{
    ingest_batch_clear(&c->batch);
    c->n_msgs = 0;
    c->fatal = CIB_OK;
    c->next = c->next_row = 0;
    size_t i = 0;
    if (cib_grow((void **)&c->out, &c->cap_out, c->n ? c->n : 1,
                 sizeof *c->out)) {
        c->fatal = cib_error_set(&c->err, CIB_ENOMEM, p->file,
                                 c->n ? c->ln[0].line : 0, "out of memory");
        c->n_done = 0;
        return;
    }
    char why[WHY_BYTES];
    for (; i < c->n; i++) {
        const line_ref *l = &c->ln[i];
        int rc = p->fn(ctx, l->too_long ? NULL : c->bytes + l->off, l->len,
                       l->line, &c->batch, why, sizeof why, &c->err);
        if (rc == INGEST_NEXT_REJECTED && keep_why(c, why, &c->out[i].why))
            rc = cib_error_set(&c->err, CIB_ENOMEM, p->file, l->line,
                               "out of memory");
        if (rc < 0) {
            c->fatal = rc;
            break;
        }
        c->out[i].kind = rc;
    }
    c->n_done = i;
}

/* The FILLED chunk that comes first, now BUSY; NULL when there is none.
 * Called with the mutex held. */
static chunk *claim(ingest_chunks *p)
{
    for (uint64_t k = p->head; k < p->filled; k++) {
        chunk *c = &p->ring[k % p->n_ring];
        if (c->state == FILLED) {
            c->state = BUSY;
            return c;
        }
    }
    return NULL;
}

static void *helper_main(void *arg)
{
    helper *h = arg;
    ingest_chunks *p = h->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        chunk *c = NULL;
        while (!p->quit && (c = claim(p)) == NULL)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->quit)
            break;
        pthread_mutex_unlock(&p->mu);
        prepare(p, c, p->ctx[h->self]);
        pthread_mutex_lock(&p->mu);
        c->state = DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ------------------------------------------------------------ reading */

/* Copy the next lines (up to a chunk) out of the line reader into c,
 * passing over blank ones.  Returns 0 or CIB_ENOMEM. */
static int fill(ingest_chunks *p, chunk *c)
{
    c->n = c->n_bytes = 0;
    c->last = false;
    while (c->n < CHUNK_LINES && c->n_bytes < CHUNK_BYTES) {
        const char *s;
        size_t len;
        uint64_t line;
        int rc = ingest_lines_next(p->lines, &s, &len, &line, &p->end_err);
        if (rc != 1) {
            p->ended = c->last = true;
            p->end_status = rc;
            break;
        }
        if (s) {
            ingest_trim(&s, &len);
            if (len == 0)
                continue;
        }
        if (cib_grow((void **)&c->ln, &c->cap, c->n + 1, sizeof *c->ln) ||
            (s && cib_grow((void **)&c->bytes, &c->cap_bytes,
                           c->n_bytes + len, 1)))
            return cib_error_set(&p->end_err, CIB_ENOMEM, p->file, line,
                                 "out of memory reading a line");
        c->ln[c->n++] = (line_ref){c->n_bytes, len, line, s == NULL};
        if (s) {
            memcpy(c->bytes + c->n_bytes, s, len);
            c->n_bytes += len;
        }
    }
    return CIB_OK;
}

/* Fill every EMPTY chunk of the ring ahead of head, in order. */
static int fill_ring(ingest_chunks *p)
{
    while (!p->ended && p->filled - p->head < p->n_ring) {
        chunk *c = &p->ring[p->filled % p->n_ring];
        if (fill(p, c) != CIB_OK)
            return CIB_ENOMEM;
        lock(p);
        c->state = FILLED;
        p->filled++;
        if (p->started)
            pthread_cond_signal(&p->work);
        unlock(p);
    }
    return CIB_OK;
}

/* Hand out the next line of c, DONE: 1 with an outcome, 0 when c has no
 * line left, or an error. */
static int hand_out(chunk *c, ingest_batch *b, uint64_t *line, char *why,
                    size_t why_n, const char *file, cib_error *err)
{
    if (c->next == c->n_done) {
        if (c->fatal == CIB_OK)
            return 0;
        *err = c->err;
        return c->fatal;
    }
    const outcome *o = &c->out[c->next];
    *line = c->ln[c->next++].line;
    if (o->kind == INGEST_NEXT_ROW &&
        ingest_batch_append(b, &c->batch, c->next_row++) != CIB_OK)
        return cib_error_set(err, CIB_ENOMEM, file, *line,
                             "out of memory reading the row");
    if (o->kind == INGEST_NEXT_REJECTED)
        snprintf(why, why_n, "%s", c->msgs + o->why);
    return o->kind;
}

int ingest_chunks_next(void *chunks, ingest_batch *b, uint64_t *line,
                       char *why, size_t why_n, cib_error *err)
{
    ingest_chunks *p = chunks;
    for (;;) {
        if (fill_ring(p) != CIB_OK) {
            *err = p->end_err;
            return CIB_ENOMEM;
        }
        if (p->head == p->filled) { /* nothing left: the input ended */
            if (p->end_status < 0)
                *err = p->end_err;
            return p->end_status;
        }
        chunk *c = &p->ring[p->head % p->n_ring];
        lock(p);
        if (c->state != DONE) {
            chunk *mine = claim(p);
            if (mine) { /* rather than wait, prepare a chunk here */
                unlock(p);
                prepare(p, mine, p->ctx[0]);
                lock(p);
                mine->state = DONE;
            } else { /* a helper has it: only with helpers */
                while (c->state != DONE)
                    pthread_cond_wait(&p->done, &p->mu);
            }
            unlock(p);
            continue;
        }
        unlock(p);
        int rc = hand_out(c, b, line, why, why_n, p->file, err);
        if (rc != 0)
            return rc;
        if (c->last) {
            if (p->end_status < 0)
                *err = p->end_err;
            return p->end_status;
        }
        lock(p);
        c->state = EMPTY;
        p->head++;
        unlock(p);
    }
}

/* ------------------------------------------------------------ life */

int ingest_chunks_new(ingest_chunks **out, ingest_lines *lines,
                      unsigned threads, ingest_line_fn fn, void *const *ctx,
                      const char *file, cib_error *err)
{
    *out = NULL;
    if (threads < 1)
        threads = 1;
    ingest_chunks *p = calloc(1, sizeof *p);
    if (p)
        p->ring = calloc(threads + 2, sizeof *p->ring);
    if (p == NULL || p->ring == NULL) {
        free(p);
        return cib_error_set(err, CIB_ENOMEM, file, 0, "out of memory");
    }
    p->lines = lines;
    p->file = file;
    p->fn = fn;
    p->ctx = ctx;
    p->n_ring = threads + 2;
    unsigned want = threads - 1;
    if (want && pthread_mutex_init(&p->mu, NULL) == 0) {
        if (pthread_cond_init(&p->work, NULL) == 0) {
            if (pthread_cond_init(&p->done, NULL) == 0)
                p->sync_ready = true;
            else
                pthread_cond_destroy(&p->work);
        }
        if (!p->sync_ready)
            pthread_mutex_destroy(&p->mu);
    }
    if (p->sync_ready) {
        p->tid = calloc(want, sizeof *p->tid);
        p->helpers = calloc(want, sizeof *p->helpers);
    }
    for (unsigned i = 0; p->tid && p->helpers && i < want; i++) {
        p->helpers[p->started] = (helper){p, p->started + 1};
        if (pthread_create(&p->tid[p->started], NULL, helper_main,
                           &p->helpers[p->started]) == 0)
            p->started++;
    }
    *out = p;
    return CIB_OK;
}

void ingest_chunks_free(ingest_chunks *p)
{
    if (p == NULL)
        return;
    if (p->sync_ready) {
        pthread_mutex_lock(&p->mu);
        p->quit = true;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->mu);
        for (unsigned i = 0; i < p->started; i++)
            pthread_join(p->tid[i], NULL);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->done);
        pthread_mutex_destroy(&p->mu);
    }
    for (size_t i = 0; i < p->n_ring; i++) {
        chunk *c = &p->ring[i];
        free(c->bytes);
        free(c->ln);
        free(c->out);
        free(c->msgs);
        ingest_batch_release(&c->batch);
    }
    free(p->ring);
    free(p->tid);
    free(p->helpers);
    free(p);
}
