/*
 * queue.c — the row buffer's way out: write the rows earlier than a
 * cutoff in time order and keep the rest.
 *
 * Formatting is two fifths of the work, and independent of simulating the
 * next day: the ready rows are copied in order into a batch that a writer
 * thread formats while the simulation goes on (two batches, used in turn;
 * the bytes are the same as one thread's).
 *
 * Each ready row gets a 64-bit key, (time - base) << 32 | buffer index,
 * sorted by an LSD radix sort on bytes (bytes that are the same in every
 * key are skipped, so a day's keys take about six passes).  The
 * index breaks ties in generation order, which is deterministic; rows
 * kept for later days stay in order at the front of the buffer.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void radix_sort(uint64_t *keys, uint64_t *tmp, size_t n)
{
    uint64_t all_or = 0, all_and = ~0ull;
    for (size_t i = 0; i < n; i++) {
        all_or |= keys[i];
        all_and &= keys[i];
    }
    size_t count[256];
    for (unsigned shift = 0; shift < 64; shift += 8) {
        if (((all_or ^ all_and) >> shift & 0xFF) == 0)
            continue; /* this byte is the same everywhere */
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[keys[i] >> shift & 0xFF]++;
        size_t sum = 0;
        for (size_t b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[keys[i] >> shift & 0xFF]++] = keys[i];
        memcpy(keys, tmp, n * sizeof *keys);
    }
}

static void *write_batch(void *arg)
{
    synth_world *w = arg;
    const synth_row *rows = w->batch[w->next_batch ^ 1];
    size_t n = w->batch_n[w->next_batch ^ 1];
    for (size_t i = 0; i < n; i++) {
        /* the account of a row a few ahead is fetched while this one is
         * written: accounts are touched at random and miss the cache */
        if (i + 8 < n)
            __builtin_prefetch(&w->acct[rows[i + 8].account]);
        synth_write_row(w->out, w, &rows[i]);
    }
    return NULL;
}

void synth_flush_wait(synth_world *w)
{
    if (w->writing)
        pthread_join(w->writer, NULL);
    w->writing = false;
}

int synth_flush(synth_world *w, int64_t cutoff)
{
    /* rows never precede the span by more than a day and a half (the
     * furthest zones ahead of UTC); times are 32-bit relative to base */
    int64_t base = w->opt.start - 2 * 86400;
    size_t ready = 0;
    for (size_t i = 0; i < w->n_rows; i++)
        ready += w->rows[i].time < cutoff;
    if (ready == 0)
        return CIB_OK;
    unsigned b = w->next_batch;
    if (cib_grow((void **)&w->keys, &w->cap_keys, 2 * ready, sizeof *w->keys) ||
        cib_grow((void **)&w->batch[b], &w->batch_cap[b], ready,
                 sizeof *w->batch[b]))
        return CIB_ENOMEM;
    uint64_t *keys = w->keys, *tmp = w->keys + ready;
    size_t k = 0;
    for (size_t i = 0; i < w->n_rows; i++)
        if (w->rows[i].time < cutoff) {
            uint64_t rel = (uint64_t)(w->rows[i].time - base);
            keys[k++] = rel << 32 | (uint64_t)i;
        }
    radix_sort(keys, tmp, ready);
    for (size_t i = 0; i < ready; i++)
        w->batch[b][i] = w->rows[keys[i] & 0xFFFFFFFFu];
    w->batch_n[b] = ready;
    size_t kept = 0;
    for (size_t i = 0; i < w->n_rows; i++)
        if (w->rows[i].time >= cutoff)
            w->rows[kept++] = w->rows[i];
    w->n_rows = kept;
    /* the other batch is being written: wait for it, then start this one
     * (in this thread when no thread can be had) */
    synth_flush_wait(w);
    w->next_batch = b ^ 1;
    if (pthread_create(&w->writer, NULL, write_batch, w) == 0)
        w->writing = true;
    else
        write_batch(w);
    return CIB_OK;
}
