/*
 * internal.h — what the simulator's files share: the simulated world
 * (zones, accounts, operators, networks, the event budget), the row
 * buffer that holds a few days of events until they can be written in
 * time order, and the CSV writer.  Not part of synth.h.
 *
 * Flow of one simulated day d (synth.c): news.c publishes the day's
 * stories (news pages post them, organic users share them, bursts break),
 * organic.c adds the organic accounts' own posts of local date d with
 * their repost/reply cascades, farm.c adds each planted network's working
 * day; queue.c then writes every row that no later day can precede.
 */
#ifndef CIB_SYNTH_INTERNAL_H
#define CIB_SYNTH_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../rhythm/rhythm.h"
#include "../store/store.h"
#include "rng.h"
#include "synth.h"
#include "vocab.h"

#define SYNTH_DOMAINS 300      /* organic news outlets, Zipf-popular */
#define SYNTH_MAX_ZONES 64     /* organic zones */
#define SYNTH_CARRIERS 3       /* mobile carriers per zone */
#define SYNTH_POOLS 32         /* CGNAT addresses per carrier */
#define SYNTH_RING 256         /* recent popular posts a farm may raid */
#define SYNTH_MAX_DELAY 172800 /* cascades end within two days */
/* rows generated on day d are never earlier than this before the end of
 * day d's UTC midnight + 1 day: the furthest zone ahead of UTC is +14 */
#define SYNTH_LEAD 54000

enum { KIND_ORGANIC = 0, KIND_NEWS, KIND_FARM };
enum { SYNTH_FACEBOOK = 0, SYNTH_INSTAGRAM, SYNTH_TWITTER };
/* id streams (the top byte of post ids), one per generator, so that one
 * generator's knobs do not change the ids another hands out */
enum { STREAM_ORGANIC = 1, STREAM_NEWS = 2, STREAM_FARM = 16 };

typedef struct synth_zone {
    long tz;          /* tzdb index */
    uint8_t weekend;  /* bit d: weekday d is a rest day (0 = Monday) */
    uint8_t lang;     /* cib_synth_lang of its people */
    uint16_t asn;     /* first of its carriers' made-up AS numbers */
    double weight;
} synth_zone;

/* A name written often (a domain, a tag), formatted once. */
typedef struct synth_name {
    uint8_t n;
    char s[47];
} synth_name;
#define SYNTH_TAGS (SYNTH_TAG_OUTLET + SYNTH_MAX_DOMAINS)

/* The UTC offset of one zone on one UTC day, when it holds all day. */
typedef struct synth_tzday {
    int64_t day;     /* day number + 1; 0 empty */
    int32_t off;     /* seconds; INT32_MIN: the offset changes that day */
} synth_tzday;
#define SYNTH_TZ_WAYS 4

/* An account in 32 bytes: the simulator touches one at random for
 * nearly every event, so the table should stay in cache as long as it
 * can (10M events have some 230,000 accounts). */
typedef struct synth_account {
    uint32_t label;      /* the number in its id, a shuffled index */
    uint32_t home;       /* organic: random bits of its home address, its
                            carrier (bits 5-6 mod 3) and NAT pool (bits
                            0-4); 0 mod 128: it keeps the default avatar.
                            farm: its profile photo's number */
    uint32_t community;  /* organic and news: its community */
    uint32_t followers;
    uint16_t zone;       /* index into world.zones */
    uint16_t first_day;  /* active days [first_day, last_day] */
    uint16_t last_day;
    uint16_t created;    /* creation day, days since 1970-01-01 */
    int16_t chrono;      /* minutes its day runs late (early if < 0) */
    uint16_t op;         /* farm: owner operator (global index) */
    uint8_t kind;        /* KIND_* */
    uint8_t platform;    /* SYNTH_FACEBOOK ... */
    uint8_t asset;       /* cib_asset */
    uint8_t group;       /* news: media group; farm: network */
} synth_account;

/* What drawing an organic account checks (is it active that day, awake
 * at that hour), 8 bytes apart from the rest: a quarter of the table to
 * miss the cache on. */
typedef struct synth_hot {
    uint16_t zone;
    int16_t chrono;
    uint16_t first_day, last_day;
} synth_hot;

typedef struct synth_operator {
    uint16_t net;        /* network index */
    uint16_t index;      /* 1-based number inside the network */
    uint8_t shift;       /* round-the-clock: 0..2, its 8 hours */
} synth_operator;

/* A planted network at run time. */
typedef struct synth_net {
    const cib_synth_network *cfg;
    long tz;
    uint32_t acct_begin, acct_end; /* its accounts; the first is the main page */
    uint32_t op_begin, op_end;     /* its operators */
    float *day_factor;             /* per local day: 0 off, else intensity */
    double campaigns_per_day;      /* at intensity 1 */
    double solo_per_day;
    uint16_t asn;                  /* its office's made-up AS number */
    uint32_t addr;                 /* its office address block */
    cib_rng rng;
    uint64_t next_post, next_article;
} synth_net;

/* A recent popular post (a news page's or a big organic account's). */
typedef struct synth_target {
    uint64_t post;
    int64_t time;
} synth_target;

/* A recent story a farm may piggyback on. */
typedef struct synth_story {
    uint32_t id;
    uint16_t domain;
    int64_t time;
} synth_story;
#define SYNTH_STORY_RING 64

enum { URL_NONE = 0, URL_STORY, URL_SITE };
/* how a URL is written: the same story reaches a reader in many forms */
enum { VAR_PLAIN = 0, VAR_UTM, VAR_MOBILE, VAR_HTTP, VAR_SLASH, VAR_FBCLID,
       VAR_COUNT };
enum { TEXT_NONE = 0, TEXT_CHAT, TEXT_MESSAGE, TEXT_HEADLINE, TEXT_STOCK,
       TEXT_REACTION };
/* where an event's network value comes from */
enum { NET_HOME = 0, NET_MOBILE, NET_DESK, NET_OFFICE, NET_TOOL };

/* One event, kept as numbers until written (emit.c). */
typedef struct synth_row {
    int64_t time;
    uint64_t post;      /* own post id (stream-tagged counter), 0 none */
    uint64_t object;    /* acted-on post id, 0 none */
    uint64_t text;      /* text seed, 0 no text */
    uint32_t account;   /* index into world.acct */
    uint32_t url;       /* URL_STORY: story number; URL_SITE: article */
    uint16_t domain;    /* URL_STORY: outlet; URL_SITE: site number */
    uint16_t op;        /* NET_DESK/NET_MOBILE of a farm: acting operator */
    uint8_t action;     /* cib_action */
    uint8_t url_kind;   /* URL_* */
    uint8_t url_var;    /* VAR_* */
    uint8_t text_kind;  /* TEXT_* */
    uint8_t lang;       /* cib_synth_lang of the text */
    uint8_t edit;       /* 0 the text as seeded, else an edited copy */
    uint8_t net;        /* NET_* */
    uint8_t n_tags;
    uint16_t tags[3];   /* vocab tag numbers */
} synth_row;

/* Buffered CSV output: rows are formatted by hand into `buf` and written
 * in large blocks (fprintf per field is several times slower). */
typedef struct synth_out {
    FILE *f;
    size_t n;
    int err;            /* errno of the first failed write (the writer
                           thread's: the caller's errno says nothing) */
    int64_t day;        /* UTC day whose "YYYY-MM-DDT" is in `date` */
    char date[16];
    char buf[1 << 16];
} synth_out;

typedef struct synth_world {
    cib_synth_options opt;
    const cib_tzdb *db;
    synth_tzday *tzdays;          /* SYNTH_TZ_WAYS per tzdb zone */
    synth_name domain_names[SYNTH_DOMAINS];
    synth_name tag_names[SYNTH_TAGS];
    synth_name site_names[CIB_SYNTH_MAX_NETWORKS * SYNTH_SITES];
    cib_rng rng_setup, rng_organic, rng_news;

    synth_zone zones[SYNTH_MAX_ZONES];
    uint32_t n_zones;
    double zone_cdf[SYNTH_MAX_ZONES];

    synth_account *acct;
    uint32_t n_acct, n_organic, n_news; /* organic, news pages, farm */
    cib_alias activity;           /* organic accounts by weight */
    double *weight;               /* organic activity weights (setup only) */
    synth_hot *hot;               /* per organic account */
    uint32_t n_comm;              /* communities */
    cib_alias *comm_alias;        /* per community: its members by weight */
    uint32_t *comm_members;       /* organic accounts grouped by community */
    uint32_t *comm_begin;         /* n_comm + 1 offsets into comm_members */
    double *comm_cdf;             /* communities by size */
    uint16_t *comm_zone;          /* a community's home zone */

    synth_operator *ops;
    uint32_t n_ops;
    synth_net nets[CIB_SYNTH_MAX_NETWORKS];
    uint32_t n_nets;

    /* news: page accounts per outlet (domains with pages), tools */
    int32_t domain_first_page[SYNTH_DOMAINS]; /* -1: no page */
    uint8_t domain_pages[SYNTH_DOMAINS];
    double domain_cdf[SYNTH_DOMAINS];
    bool group_sync[256];         /* group's tool posts to all pages at once */
    uint8_t group_utm[256];       /* group's tool tags links with utm_ */

    /* budget, in events per simulated day */
    double chat_per_day;          /* organic own posts */
    double stories_per_day;
    double shares_per_pop;        /* organic shares per unit popularity */
    double chat_cascade;          /* a chat post's cascade has mean
                                     min(this * followers * virality, cap) */
    double news_cascade;          /* the same for a news page's post */
    double reply_share;           /* replies among cascade events */
    double bursts_per_day;
    double burst_size;
    uint32_t cascade_cap;
    double hour_cdf[24];          /* organic local hour of day */
    double hour_weight[24];       /* the same, as acceptance 0..1 */

    synth_target ring[SYNTH_RING];
    size_t ring_n, ring_head;
    synth_story stories[SYNTH_STORY_RING]; /* recent popular stories */
    size_t story_n, story_head;

    uint64_t next_post_organic, next_post_news, next_story;
    synth_row *rows;              /* buffer, sorted and flushed by day */
    size_t n_rows, cap_rows;
    uint64_t *keys;               /* sort keys of the rows flushed */
    size_t cap_keys;
    /* rows ready to write, in time order: the writer thread formats one
     * batch while the simulation fills the other */
    synth_row *batch[2];
    size_t batch_n[2], batch_cap[2];
    unsigned next_batch;
    pthread_t writer;
    bool writing;
    synth_out *out;
} synth_world;

/* zones.c */
int synth_zones_init(synth_world *w, cib_error *err);
/* The Unix time of local wall-clock time `wall` (seconds since the
 * epoch, read as if it were UTC) in tzdb zone tz. */
int64_t synth_wall_to_utc(synth_world *w, long tz, int64_t wall);
/* Local wall-clock time of Unix time t in zone tz. */
int64_t synth_utc_to_wall(synth_world *w, long tz, int64_t t);

/* world.c */
int synth_world_init(synth_world *w, const cib_synth_options *opt,
                     const cib_tzdb *db, cib_error *err);
void synth_world_free(synth_world *w);
/* A new row in the buffer: account, time, action and own post id set,
 * every other field zeroed; NULL when memory runs out.  The pointer is
 * valid until the next push. */
synth_row *synth_push(synth_world *w, uint32_t account, int64_t t,
                      cib_action action, uint64_t post);
/* Monday = 0 weekday of simulated day d. */
int synth_weekday(const synth_world *w, uint32_t d);
/* A post id of a stream: the top byte names the stream. */
static inline uint64_t synth_post_id(unsigned stream, uint64_t n)
{
    return (uint64_t)stream << 56 | n;
}

/* organic.c */
/* Should organic account a act at Unix time t?  Draws against its hour
 * of day (thinning by the organic day curve). */
bool synth_awake(synth_world *w, cib_rng *r, uint32_t a, int64_t t);
/* An organic account drawn by activity that is active on day d and awake
 * at t (a few tries, then whoever was drawn last): from community `comm`
 * with probability --community-share, else from everyone (comm ==
 * SYNTH_ANYONE: from everyone). */
#define SYNTH_ANYONE UINT32_MAX
uint32_t synth_pick_organic(synth_world *w, cib_rng *r, uint32_t d, int64_t t,
                            uint32_t comm);
/* A unit-mean Pareto(1.5) draw (at most 1000): how far a post spreads
 * beyond what its author's audience predicts. */
double synth_virality(cib_rng *r);
/* Reposts and replies of a post by account `author` at t0: Poisson with
 * mean min(scale * virality, cascade_cap). */
int synth_cascade(synth_world *w, cib_rng *r, uint32_t author, uint64_t post,
                  int64_t t0, double scale);
int synth_organic_day(synth_world *w, uint32_t d);
/* An organic account's row: a new post id of the organic stream, and its
 * home or (--mobile-share) mobile network. */
synth_row *synth_organic_row(synth_world *w, cib_rng *r, uint32_t a, int64_t t,
                             cib_action action);
/* Remember a popular post as a raid target. */
void synth_ring_push(synth_world *w, uint64_t post, int64_t t);

/* news.c: the day's stories, news pages and bursts. */
int synth_news_day(synth_world *w, uint32_t d);

/* farm.c */
int synth_farm_setup(synth_world *w, cib_error *err);
int synth_farm_day(synth_world *w, uint32_t net, uint32_t d);

/* queue.c: hand the buffered rows earlier than cutoff, in time order, to
 * the writer thread (which writes them to w->out); synth_flush_wait waits
 * until it is done.  Return 0 or CIB_ENOMEM. */
int synth_flush(synth_world *w, int64_t cutoff);
void synth_flush_wait(synth_world *w);

/* emit.c */
void synth_out_init(synth_out *o, FILE *f);
void synth_out_flush(synth_out *o);
void synth_write_header(synth_out *o);
void synth_write_row(synth_out *o, const synth_world *w, const synth_row *r);
void synth_account_id(const synth_world *w, uint32_t a, char *buf, size_t n);

#endif
