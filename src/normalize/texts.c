/*
 * texts.c — the text key of every event: its near-duplicate group.
 *
 * Steps, each over distinct values rather than events:
 *  1. the distinct raw texts (string ids) and the first time each was
 *     posted;
 *  2. per raw text, on worker threads: the folded text (fold.c), its
 *     64-bit hash, its MinHash signature (40 bytes), and (when asked and
 *     the store has no hashtag column) the hashtags written in it;
 *  3. equal folded texts become one (by the hash), dated by the earliest
 *     of their raw texts;
 *  4. near-duplicate grouping of the folded texts in time order
 *     (neardup.c);
 *  5. an event's key is the folded hash of its group's leader.
 * A text that is not valid UTF-8 is keyed on its raw bytes and takes no
 * part in grouping; a text with no words once folded (only a link or a
 * mention) has no key.
 *
 * Threads work on disjoint slices of the distinct texts and write only
 * their own slots, so the result does not depend on their number.
 *
 * Memory while it runs, per distinct text: 40 bytes of signature, 4 per
 * shingle and about 40 more.
 *
 * Relies on fold.c, minhash.c, neardup.c, sort.c, pthreads.
 */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_EMPTY = 0, SLOT_TEXT, SLOT_RAW };

typedef struct slots {
    size_t n, cap;
    uint32_t *raw;    /* string id */
    int64_t *tmin;    /* earliest event time */
    uint8_t *kind;    /* SLOT_* */
    uint64_t *hash;   /* folded hash (SLOT_TEXT) or raw hash (SLOT_RAW) */
    uint16_t *sig;    /* n x CIB_MINHASH_K stored signatures */
    uint32_t *sh_n;   /* shingles of each slot */
    uint64_t *sh_off; /* n + 1 offsets into sh (after fold_all) */
    uint32_t *sh;     /* every slot's shingle set, slot after slot */
    uint64_t *tagset; /* hashtag-set key from the text, 0 none; or NULL */
} slots;

/* A slice of the slots for one thread, with its own shingle arena (the
 * arenas are joined in slice order afterwards). */
typedef struct job {
    const cib_store *store;
    slots *s;
    size_t begin, end;
    uint32_t *sh;
    size_t n_sh, cap_sh;
    norm_scratch sc;
    int rc;
} job;

/* Hashtag hashes of one text, collected by norm_text_hashtags. */
typedef struct tag_acc {
    uint64_t v[64];
    size_t n;
} tag_acc;

static int add_tag(void *ctx, const char *tag, size_t n)
{
    tag_acc *a = ctx;
    uint64_t h = cib_hash64(tag, n, 0);
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i] == h)
            return CIB_OK;
    if (a->n < sizeof a->v / sizeof *a->v)
        a->v[a->n++] = h;
    return CIB_OK;
}

/* The key of a set of hashtag hashes: sorted, then hashed; never 0. */
uint64_t norm_tagset_key(uint64_t *v, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++) { /* insertion sort: a handful */
        uint64_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
    uint64_t h = cib_hash64(v, n * sizeof *v, 0x23);
    return h ? h : 1;
}

static int fold_slot(job *j, size_t i)
{
    const cib_store *store = j->store;
    slots *s = j->s;
    size_t len;
    const char *raw = cib_strings_get(store->strings, s->raw[i], &len);
    if (s->tagset) {
        tag_acc acc;
        acc.n = 0;
        int rc = norm_text_hashtags(raw, len, add_tag, &acc);
        if (rc == CIB_ENOMEM)
            return rc;
        s->tagset[i] = norm_tagset_key(acc.v, acc.n);
    }
    const char *f;
    size_t fn;
    int rc = norm_fold(raw, len, &j->sc, &f, &fn);
    if (rc == CIB_EINPUT) {
        s->kind[i] = SLOT_RAW;
        s->hash[i] = cib_hash64(raw, len, 0) | 1;
        return CIB_OK;
    }
    if (rc != CIB_OK)
        return rc;
    if (fn == 0) {
        s->kind[i] = SLOT_EMPTY;
        return CIB_OK;
    }
    s->kind[i] = SLOT_TEXT;
    s->hash[i] = cib_hash64(f, fn, 0);
    const uint32_t *sh;
    size_t n;
    rc = norm_shingles(f, fn, &j->sc, &sh, &n);
    if (rc != CIB_OK)
        return rc;
    uint32_t sig[CIB_MINHASH_K];
    cib_minhash(sh, n, sig, CIB_MINHASH_K);
    norm_sig16(sig, s->sig + i * CIB_MINHASH_K);
    /* keep the set for the exact checks of neardup.c */
    rc = cib_grow((void **)&j->sh, &j->cap_sh, j->n_sh + n, sizeof *j->sh);
    if (rc == CIB_OK && n) {
        memcpy(j->sh + j->n_sh, sh, n * sizeof *sh);
        j->n_sh += n;
        s->sh_n[i] = (uint32_t)n;
    }
    return rc;
}

static void *fold_worker(void *arg)
{
    job *j = arg;
    for (size_t i = j->begin; i < j->end && j->rc == CIB_OK; i++)
        j->rc = fold_slot(j, i);
    norm_scratch_free(&j->sc);
    return NULL;
}

/* Step 2 over `threads` slices (the calling thread takes the first). */
static int fold_all(const cib_store *store, slots *s, unsigned threads)
{
    if (threads < 1)
        threads = 1;
    if (threads > 64)
        threads = 64;
    if (s->n < 1024 * (size_t)threads)
        threads = 1;
    job jobs[64];
    pthread_t tid[64];
    bool started[64] = {false};
    for (unsigned t = 0; t < threads; t++)
        jobs[t] = (job){.store = store, .s = s,
                        .begin = s->n * t / threads,
                        .end = s->n * (t + 1) / threads, .rc = CIB_OK};
    for (unsigned t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, fold_worker, &jobs[t]) == 0;
    fold_worker(&jobs[0]);
    for (unsigned t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            fold_worker(&jobs[t]); /* no thread: do it here */
    }
    int rc = CIB_OK;
    for (unsigned t = 0; t < threads; t++)
        if (jobs[t].rc != CIB_OK)
            rc = jobs[t].rc;
    /* join the arenas in slice order: slot order */
    size_t total = 0;
    for (unsigned t = 0; t < threads; t++)
        total += jobs[t].n_sh;
    s->sh = rc == CIB_OK ? realloc(jobs[0].sh, (total ? total : 1) *
                                                   sizeof *s->sh)
                         : NULL;
    if (s->sh == NULL) {
        free(jobs[0].sh);
        rc = CIB_ENOMEM;
    }
    size_t k = jobs[0].n_sh;
    for (unsigned t = 1; t < threads; t++) {
        if (rc == CIB_OK && jobs[t].n_sh)
            memcpy(s->sh + k, jobs[t].sh, jobs[t].n_sh * sizeof *s->sh);
        k += jobs[t].n_sh;
        free(jobs[t].sh);
    }
    for (size_t i = 0; rc == CIB_OK && i < s->n; i++)
        s->sh_off[i + 1] = s->sh_off[i] + s->sh_n[i];
    return rc;
}

/* Step 1: distinct raw texts in order of first appearance. */
static int collect(const cib_events *e, uint32_t n_ids, uint32_t *slot_of,
                   slots *s, bool tags)
{
    size_t cap = 0;
    for (size_t i = 0; i < e->n; i++) {
        uint32_t raw = e->text[i];
        if (raw == 0 || raw >= n_ids)
            continue;
        uint32_t k = slot_of[raw];
        if (k != UINT32_MAX) {
            if (e->time[i] < s->tmin[k])
                s->tmin[k] = e->time[i];
            continue;
        }
        if (s->n == cap) {
            size_t c1 = cap, c2 = cap, c3 = cap;
            if (cib_grow((void **)&s->raw, &c1, s->n + 1, sizeof *s->raw) ||
                cib_grow((void **)&s->tmin, &c2, s->n + 1, sizeof *s->tmin) ||
                cib_grow((void **)&s->kind, &c3, s->n + 1, sizeof *s->kind))
                return CIB_ENOMEM;
            cap = c1 < c2 ? c1 : c2;
            cap = cap < c3 ? cap : c3;
        }
        slot_of[raw] = (uint32_t)s->n;
        s->raw[s->n] = raw;
        s->tmin[s->n] = e->time[i];
        s->n++;
    }
    size_t n = s->n ? s->n : 1;
    s->hash = calloc(n, sizeof *s->hash);
    s->sig = calloc(n * CIB_MINHASH_K, sizeof *s->sig);
    s->sh_n = calloc(n, sizeof *s->sh_n);
    s->sh_off = calloc(n + 1, sizeof *s->sh_off);
    s->tagset = tags ? calloc(n, sizeof *s->tagset) : NULL;
    if (s->n) /* kinds are set by fold_slot */
        memset(s->kind, SLOT_EMPTY, s->n);
    return s->hash && s->sig && s->sh_n && s->sh_off && (s->tagset || !tags)
               ? CIB_OK : CIB_ENOMEM;
}

/* Step 3: folded texts.  f_of[slot] is the folded text of a SLOT_TEXT
 * slot; rep[f] the first slot with it; ftmin[f] its earliest time. */
typedef struct folded {
    size_t n;
    uint32_t *f_of, *rep;
    int64_t *tmin;
} folded;

static int dedupe(const slots *s, folded *d)
{
    size_t cap = 16;
    while (cap < 2 * s->n)
        cap *= 2;
    uint32_t *table = malloc(cap * sizeof *table); /* slot + 1, 0 empty */
    d->f_of = malloc((s->n ? s->n : 1) * sizeof *d->f_of);
    d->rep = malloc((s->n ? s->n : 1) * sizeof *d->rep);
    d->tmin = malloc((s->n ? s->n : 1) * sizeof *d->tmin);
    if (!table || !d->f_of || !d->rep || !d->tmin) {
        free(table);
        return CIB_ENOMEM;
    }
    memset(table, 0, cap * sizeof *table);
    for (size_t i = 0; i < s->n; i++) {
        d->f_of[i] = UINT32_MAX;
        if (s->kind[i] != SLOT_TEXT)
            continue;
        size_t h = (size_t)(s->hash[i] ^ (s->hash[i] >> 29)) & (cap - 1);
        while (table[h] && s->hash[table[h] - 1] != s->hash[i])
            h = (h + 1) & (cap - 1);
        if (table[h] == 0) {
            table[h] = (uint32_t)i + 1;
            d->rep[d->n] = (uint32_t)i;
            d->tmin[d->n] = s->tmin[i];
            d->f_of[i] = (uint32_t)d->n++;
        } else {
            uint32_t f = d->f_of[table[h] - 1];
            d->f_of[i] = f;
            if (s->tmin[i] < d->tmin[f])
                d->tmin[f] = s->tmin[i];
        }
    }
    free(table);
    return CIB_OK;
}

/* Folded texts in time order (ties by number): by_rank[r] = f. */
static int time_order(const folded *d, uint32_t *by_rank)
{
    if (d->n == 0)
        return CIB_OK;
    int64_t t0 = d->tmin[0];
    for (size_t f = 1; f < d->n; f++)
        if (d->tmin[f] < t0)
            t0 = d->tmin[f];
    uint64_t *v = malloc(d->n * sizeof *v);
    if (v == NULL)
        return CIB_ENOMEM;
    for (size_t f = 0; f < d->n; f++) {
        uint64_t dt = (uint64_t)d->tmin[f] - (uint64_t)t0;
        if (dt > UINT32_MAX) /* a span of over 136 years: coarsen */
            dt = UINT32_MAX;
        v[f] = dt << 32 | f;
    }
    int rc = norm_sort_u64_high(v, d->n); /* made in f order */
    for (size_t r = 0; rc == CIB_OK && r < d->n; r++)
        by_rank[r] = (uint32_t)v[r];
    free(v);
    return rc;
}

static int group(const slots *s, const folded *d,
                 double threshold, uint32_t *leader, cib_norm_stats *st)
{
    uint32_t *by_rank = malloc((d->n ? d->n : 1) * sizeof *by_rank);
    uint16_t *sig = malloc((d->n ? d->n : 1) * CIB_MINHASH_K * sizeof *sig);
    int rc = by_rank && sig ? CIB_OK : CIB_ENOMEM;
    if (rc == CIB_OK)
        rc = time_order(d, by_rank);
    /* folded text f's signature and shingles are those of its first raw
     * text, rep[f]; the signatures are laid out in rank order, which
     * neardup.c reads in that order */
    for (size_t r = 0; rc == CIB_OK && r < d->n; r++)
        memcpy(sig + r * CIB_MINHASH_K,
               s->sig + (size_t)d->rep[by_rank[r]] * CIB_MINHASH_K,
               CIB_MINHASH_K * sizeof *sig);
    norm_neardup_in in = {d->n, sig, d->rep, s->sh, s->sh_off, by_rank,
                          threshold};
    norm_neardup_stats ns = {0};
    if (rc == CIB_OK)
        rc = norm_neardup(&in, leader, &ns);
    st->candidates = ns.candidates;
    st->checks = ns.checks;
    st->merged = ns.merged;
    free(by_rank);
    free(sig);
    return rc;
}

static void slots_free(slots *s)
{
    free(s->raw);
    free(s->tmin);
    free(s->kind);
    free(s->hash);
    free(s->sig);
    free(s->sh_n);
    free(s->sh_off);
    free(s->sh);
    free(s->tagset);
}

int norm_build_texts(cib_norm *norm, cib_store *store,
                     const cib_norm_options *opt, bool tags_from_text)
{
    const cib_events *e = &store->events;
    uint32_t n_ids = cib_strings_count(store->strings);
    uint32_t *slot_of = malloc((size_t)n_ids * sizeof *slot_of);
    slots s = {0};
    folded d = {0};
    uint32_t *leader = NULL;
    if (slot_of == NULL)
        return CIB_ENOMEM;
    memset(slot_of, 0xff, (size_t)n_ids * sizeof *slot_of);
    int rc = collect(e, n_ids, slot_of, &s, tags_from_text);
    if (rc == CIB_OK)
        rc = fold_all(store, &s, opt->threads);
    if (rc == CIB_OK)
        rc = dedupe(&s, &d);
    if (rc == CIB_OK) {
        leader = malloc((d.n ? d.n : 1) * sizeof *leader);
        rc = leader ? CIB_OK : CIB_ENOMEM;
    }
    if (rc == CIB_OK)
        rc = group(&s, &d, opt->text_similarity, leader, &norm->stats);
    if (rc == CIB_OK) {
        norm->stats.texts = s.n;
        norm->stats.folded = d.n;
        norm->stats.text_groups = d.n - norm->stats.merged;
        for (size_t i = 0; i < e->n; i++) {
            uint32_t raw = e->text[i];
            uint32_t k = raw && raw < n_ids ? slot_of[raw] : UINT32_MAX;
            if (k == UINT32_MAX)
                continue;
            if (s.tagset)
                norm->tagset_key[i] = s.tagset[k];
            if (s.kind[k] == SLOT_RAW)
                norm->text_key[i] = s.hash[k];
            else if (s.kind[k] == SLOT_TEXT) {
                uint64_t h = s.hash[d.rep[leader[d.f_of[k]]]];
                norm->text_key[i] = h ? h : 1;
            }
        }
    }
    free(leader);
    free(d.f_of);
    free(d.rep);
    free(d.tmin);
    slots_free(&s);
    free(slot_of);
    return rc;
}
