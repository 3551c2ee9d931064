/*
 * strata.c — the null model's sums per source, for the object trace.
 *
 * Heavy users act on their favourite accounts' posts again and again: the
 * fans of one account repost its posts within seconds of each other,
 * dozens of times, without knowing each other.  Measured against
 * everybody's actions (null.c) they look coordinated; measured against
 * the actions on that account's posts they do not.  So on the object
 * trace, when the target post's author is known (its id is some event's
 * own post), the sums are kept per stratum s = the author: d_{a,s} (a's
 * actions on s's posts), c_{a,s} (the crowd of a's actions on s's posts)
 * and M_s (all actions on s's posts); posts of unknown authors make one
 * stratum.  Given a, the expected meetings of b are then
 *
 *     lambda_b|a = sum over s of c_{a,s} d_{b,s} / M_s,
 *
 * the same draw-from-the-population argument made inside each stratum (b's
 * actions on s's posts are draws from all actions on s's posts).  A farm
 * raiding a news page still stands out: the page's cascades make M_s
 * large against the farm's share of it.
 *
 * Sums accumulate in an open-addressing table keyed by (account,
 * stratum) and are then laid out per account, strata ascending, so that
 * lambda costs a walk of a's strata and a binary search in b's.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void coord_strata_free(coord_strata *st)
{
    free(st->key);
    free(st->d);
    free(st->c);
    free(st->m);
    free(st->start);
    free(st->s);
    free(st->sd);
    free(st->sc);
    memset(st, 0, sizeof *st);
}

uint32_t coord_stratum(uint32_t source, int64_t delay_s, int64_t window_s)
{
    /* the pooled stratum is not split by delay: the follow-ups of keys
     * without a source of their own are few among ordinary accounts and
     * many in a farm's copies, and a stratum of them would measure the
     * farm against itself */
    if (source == 0)
        return 0;
    uint32_t cls = delay_s <= window_s        ? 0
                   : delay_s <= 10 * window_s ? 1
                                              : 2;
    return source * COORD_DELAY_CLASSES + cls;
}

int coord_strata_init(coord_strata *st, uint32_t n_accounts,
                      uint64_t n_strata)
{
    memset(st, 0, sizeof *st);
    st->n_accounts = n_accounts;
    st->cap = 1 << 12;
    st->key = calloc(st->cap, sizeof *st->key);
    st->d = calloc(st->cap, sizeof *st->d);
    st->c = calloc(st->cap, sizeof *st->c);
    st->m = calloc(n_strata ? n_strata : 1, sizeof *st->m);
    if (!st->key || !st->d || !st->c || !st->m) {
        coord_strata_free(st);
        return CIB_ENOMEM;
    }
    return CIB_OK;
}

/* The slot of (a, s), made when new; SIZE_MAX when memory runs out. */
static size_t slot(coord_strata *st, uint32_t a, uint32_t s)
{
    uint64_t k = ((uint64_t)a << 32 | s) + 1; /* 0 marks an empty slot */
    if ((st->n + 1) * 2 > st->cap) {
        size_t nc = st->cap * 2;
        uint64_t *nk = calloc(nc, sizeof *nk), *nd = calloc(nc, sizeof *nd);
        uint64_t *ncnt = calloc(nc, sizeof *ncnt);
        if (!nk || !nd || !ncnt) {
            free(nk);
            free(nd);
            free(ncnt);
            return SIZE_MAX;
        }
        for (size_t i = 0; i < st->cap; i++) {
            if (st->key[i] == 0)
                continue;
            size_t j = coord_mix64(st->key[i]) & (nc - 1);
            while (nk[j])
                j = (j + 1) & (nc - 1);
            nk[j] = st->key[i];
            nd[j] = st->d[i];
            ncnt[j] = st->c[i];
        }
        free(st->key);
        free(st->d);
        free(st->c);
        st->key = nk;
        st->d = nd;
        st->c = ncnt;
        st->cap = nc;
    }
    size_t j = coord_mix64(k) & (st->cap - 1);
    while (st->key[j] && st->key[j] != k)
        j = (j + 1) & (st->cap - 1);
    if (st->key[j] == 0) {
        st->key[j] = k;
        st->n++;
    }
    return j;
}

int coord_strata_action(coord_strata *st, uint32_t a, uint32_t s)
{
    size_t j = slot(st, a, s);
    if (j == SIZE_MAX)
        return CIB_ENOMEM;
    st->d[j]++;
    st->m[s]++;
    return CIB_OK;
}

int coord_strata_crowd(coord_strata *st, uint32_t a, uint32_t s, uint64_t n)
{
    size_t j = slot(st, a, s);
    if (j == SIZE_MAX)
        return CIB_ENOMEM;
    st->c[j] += n;
    return CIB_OK;
}

int coord_strata_finish(coord_strata *st)
{
    size_t na = st->n_accounts;
    st->start = calloc(na + 2, sizeof *st->start);
    st->s = malloc((st->n ? st->n : 1) * sizeof *st->s);
    st->sd = malloc((st->n ? st->n : 1) * sizeof *st->sd);
    st->sc = malloc((st->n ? st->n : 1) * sizeof *st->sc);
    if (!st->start || !st->s || !st->sd || !st->sc)
        return CIB_ENOMEM;
    for (size_t i = 0; i < st->cap; i++)
        if (st->key[i])
            st->start[((st->key[i] - 1) >> 32) + 1]++;
    for (size_t a = 0; a < na; a++)
        st->start[a + 1] += st->start[a];
    size_t *fill = malloc((na ? na : 1) * sizeof *fill);
    if (fill == NULL)
        return CIB_ENOMEM;
    for (size_t a = 0; a < na; a++)
        fill[a] = st->start[a];
    for (size_t i = 0; i < st->cap; i++) {
        if (st->key[i] == 0)
            continue;
        uint64_t k = st->key[i] - 1;
        size_t p = fill[k >> 32]++;
        st->s[p] = (uint32_t)k;
        st->sd[p] = st->d[i];
        st->sc[p] = st->c[i];
    }
    free(fill);
    /* strata ascending within each account (insertion: an account acts
     * on a few authors' posts) */
    for (size_t a = 0; a < na; a++)
        for (size_t i = st->start[a] + 1; i < st->start[a + 1]; i++) {
            uint32_t s = st->s[i];
            uint64_t d = st->sd[i], c = st->sc[i];
            size_t j = i;
            for (; j > st->start[a] && st->s[j - 1] > s; j--) {
                st->s[j] = st->s[j - 1];
                st->sd[j] = st->sd[j - 1];
                st->sc[j] = st->sc[j - 1];
            }
            st->s[j] = s;
            st->sd[j] = d;
            st->sc[j] = c;
        }
    free(st->key);
    free(st->d);
    free(st->c);
    st->key = st->d = st->c = NULL;
    return CIB_OK;
}

/* The entry of stratum s in account b's strata, by binary search over
 * [lo, start[b+1]); SIZE_MAX when b has none. */
static size_t find(const coord_strata *st, uint32_t b, size_t lo, uint32_t s)
{
    size_t hi = st->start[b + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->s[mid] < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < st->start[b + 1] && st->s[lo] == s ? lo : SIZE_MAX;
}

void coord_strata_lambdas(const coord_strata *st, uint32_t a, uint32_t b,
                          double limit, double *l_b_given_a,
                          double *l_a_given_b)
{
    /* walk the account with fewer strata and search the other's, from
     * where the last search ended (both lists ascend); the common strata
     * come in ascending order either way, so the sums do not depend on
     * which account is walked */
    uint32_t x = a, y = b;
    if (st->start[a + 1] - st->start[a] > st->start[b + 1] - st->start[b]) {
        x = b;
        y = a;
    }
    double lx = 0.0, ly = 0.0; /* given x, of y's meetings; given y, x's */
    size_t from = st->start[y];
    for (size_t i = st->start[x]; i < st->start[x + 1]; i++) {
        uint64_t m = st->m[st->s[i]];
        if (m == 0)
            continue;
        size_t j = find(st, y, from, st->s[i]);
        if (j == SIZE_MAX)
            continue;
        from = j + 1;
        lx += (double)st->sc[i] * (double)st->sd[j] / (double)m;
        ly += (double)st->sc[j] * (double)st->sd[i] / (double)m;
        if (lx > limit && ly > limit)
            break; /* the sums only grow: both are past the limit */
    }
    *l_b_given_a = x == a ? lx : ly;
    *l_a_given_b = x == a ? ly : lx;
}
