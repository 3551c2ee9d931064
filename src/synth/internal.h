/*
 * internal.h — what the simulator's files share: the simulated world
 * (accounts, URL popularity, the pool of posts to repost) and the row
 * buffer that holds a few days of events until they are written in time
 * order.  Not part of synth.h.
 */
#ifndef CIB_SYNTH_INTERNAL_H
#define CIB_SYNTH_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../store/store.h"
#include "rng.h"
#include "synth.h"
#include "vocab.h"

#define SYNTH_URLS 5000     /* organic URLs, Zipf-popular */
#define SYNTH_DOMAINS 300   /* organic news domains */
#define SYNTH_POOL 4096     /* recent posts that can be reposted */
#define SYNTH_OPERATORS 3   /* the planted network's operators */
#define SYNTH_NO_OP 255

enum { SYNTH_FACEBOOK = 0, SYNTH_INSTAGRAM, SYNTH_TWITTER };

typedef struct synth_account {
    uint32_t label;    /* the number in its id, a shuffled index */
    int8_t offset;     /* home UTC offset in hours */
    uint8_t platform;  /* SYNTH_FACEBOOK ... */
    uint8_t asset;     /* cib_asset */
    uint8_t op;        /* operator 0..2, SYNTH_NO_OP for organic */
    int64_t followers;
    uint32_t net;      /* organic: random bits of its network value */
    double rate;       /* organic: mean events per day */
} synth_account;

enum { URL_NONE = 0, URL_ORGANIC, URL_SITE };

/* One event, kept as numbers until written (emit.c). */
typedef struct synth_row {
    int64_t time;
    uint64_t seq;      /* generation order, breaks time ties */
    uint64_t post;     /* post id number, 0 none */
    uint64_t object;   /* acted-on post id number, 0 none */
    uint64_t text;     /* text seed, 0 no text */
    uint32_t account;  /* index into world.acct */
    uint32_t url;      /* URL_ORGANIC: URL index; URL_SITE: article number */
    uint8_t action;    /* cib_action */
    uint8_t url_kind;  /* URL_* */
    uint8_t url_site;  /* URL_SITE: site of the account's operator */
    uint8_t tracking;  /* append a utm_ parameter (normalize must drop it) */
    uint8_t n_tags;
    uint8_t tags[3];   /* organic tag or network tag indices */
} synth_row;

typedef struct synth_world {
    cib_synth_options opt;
    cib_rng rng;
    synth_account *acct;
    uint32_t n_acct, n_organic;   /* organic first, then the network */
    uint32_t op_begin[SYNTH_OPERATORS + 1]; /* account ranges per operator */
    uint32_t n_ops;
    double organic_hour_cdf[24];  /* local hour of day, organic */
    double office_hour_cdf[24];   /* local hour of day, the network */
    double offset_cdf[16];
    double url_cdf[SYNTH_URLS];
    uint16_t url_domain[SYNTH_URLS];
    double pool_cdf[SYNTH_POOL];  /* Zipf over recency rank */
    uint64_t pool[SYNTH_POOL];    /* ring of recent organic post ids */
    size_t pool_n, pool_head;
    uint64_t *fresh;              /* today's new posts, pooled tomorrow */
    size_t n_fresh, cap_fresh;
    double campaigns[SYNTH_OPERATORS]; /* mean campaigns per workday */
    double solo[SYNTH_OPERATORS];      /* mean solo posts per workday */
    uint64_t next_post, next_article, seq;
    synth_row *rows;              /* buffer, sorted and flushed by day */
    size_t n_rows, cap_rows;
} synth_world;

/* world.c */
int synth_world_init(synth_world *w, const cib_synth_options *opt);
void synth_world_free(synth_world *w);
/* A new row in the buffer (fields zeroed, seq set), or NULL. */
synth_row *synth_push(synth_world *w);
/* Monday = 0 weekday of simulated day d (calendar day of start + d). */
int synth_weekday(const synth_world *w, uint32_t d);

/* organic.c: one UTC day of ordinary activity. */
int synth_organic_day(synth_world *w, uint32_t d);
/* network.c: one local working day of the planted network. */
int synth_network_day(synth_world *w, uint32_t d);

/* emit.c */
void synth_write_header(FILE *f);
void synth_write_row(FILE *f, const synth_world *w, const synth_row *r);
void synth_account_id(const synth_world *w, uint32_t a, char *buf, size_t n);

#endif
