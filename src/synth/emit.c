/*
 * emit.c — writing simulated rows as activity CSV (CONTRACT.md "Input:
 * activity CSV").  Rows are formatted by hand into a 64 KB block written
 * with one fwrite: printf per field cost four times as much, and the
 * simulator must write millions of rows a second.  Cells are RFC 4180
 * quoted where needed, without formula neutralisation: this file is input
 * for cibscan, and its values must read back exactly as generated.
 *
 * Ids: post ids and image hashes are a bijective 64-bit mix (the
 * splitmix64 finaliser) of the generator's numbers, written in hex, so
 * they are unique and say nothing about who made them.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static const char *const PLATFORMS[] = {"facebook", "instagram", "twitter"};
static const char *const SCHEMES[VAR_COUNT] = {"https://www.", "https://www.",
                                               "https://m.",   "http://www.",
                                               "https://www.", "https://www."};

static const synth_name ACTIONS[CIB_ACTION_COUNT] = {
    {4, "post"}, {5, "share"}, {6, "repost"}, {5, "reply"},
    {7, "comment"}, {5, "quote"}, {4, "like"}};

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void synth_out_init(synth_out *o, FILE *f)
{
    o->f = f;
    o->n = 0;
    o->err = 0;
    o->day = INT64_MIN;
}

/* Write n bytes, keeping the reason of the first failure. */
static void out_write(synth_out *o, const void *s, size_t n)
{
    if (fwrite(s, 1, n, o->f) != n && o->err == 0)
        o->err = errno ? errno : EIO;
}

void synth_out_flush(synth_out *o)
{
    if (o->n)
        out_write(o, o->buf, o->n);
    o->n = 0;
}

static void put(synth_out *o, const char *s, size_t n)
{
    if (o->n + n > sizeof o->buf) {
        synth_out_flush(o);
        if (n > sizeof o->buf) {
            out_write(o, s, n);
            return;
        }
    }
    char *d = o->buf + o->n;
    o->n += n;
    if (n <= 16) { /* most cells: a call to memcpy costs more */
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
        return;
    }
    memcpy(d, s, n);
}

static void puts_(synth_out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_name(synth_out *o, const synth_name *n)
{
    put(o, n->s, n->n);
}

static void putc_(synth_out *o, char c)
{
    if (o->n == sizeof o->buf)
        synth_out_flush(o);
    o->buf[o->n++] = c;
}

/* Decimal, at least `width` digits (zero padded). */
static void put_u64(synth_out *o, uint64_t v, int width)
{
    char tmp[24];
    int i = 24;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (24 - i < width)
        tmp[--i] = '0';
    put(o, tmp + i, (size_t)(24 - i));
}

static void put_hex(synth_out *o, uint64_t v, int digits)
{
    static const char HEX[] = "0123456789abcdef";
    char tmp[16];
    for (int i = digits - 1; i >= 0; i--, v >>= 4)
        tmp[i] = HEX[v & 15];
    put(o, tmp, (size_t)digits);
}

/* Days since 1970-01-01 to y-m-d (Hinnant's civil_from_days). */
static void civil(int64_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void put_date(synth_out *o, int64_t day)
{
    int y;
    unsigned m, d;
    civil(day, &y, &m, &d);
    put_u64(o, (uint64_t)y, 4);
    putc_(o, '-');
    put_u64(o, m, 2);
    putc_(o, '-');
    put_u64(o, d, 2);
}

static void put_time(synth_out *o, int64_t t)
{
    int64_t day = t / 86400 - (t % 86400 < 0);
    if (day != o->day) {
        /* the date part changes once a day: format it once */
        size_t mark = o->n;
        if (mark + 16 > sizeof o->buf) {
            synth_out_flush(o);
            mark = 0;
        }
        put_date(o, day);
        memcpy(o->date, o->buf + mark, 10);
        o->n = mark;
        o->date[10] = 'T';
        o->day = day;
    }
    put(o, o->date, 11);
    int64_t s = t - day * 86400;
    char hms[9] = {(char)('0' + s / 36000), (char)('0' + s / 3600 % 10), ':',
                   (char)('0' + s % 3600 / 600), (char)('0' + s % 600 / 60),
                   ':', (char)('0' + s % 60 / 10), (char)('0' + s % 10), 'Z'};
    put(o, hms, 9);
}

/* One CSV cell: quoted when it holds a comma, quote or line break. */
static void put_cell(synth_out *o, const char *s, size_t n)
{
    if (strcspn(s, ",\"\r\n") >= n) {
        put(o, s, n);
        return;
    }
    putc_(o, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            putc_(o, '"');
        putc_(o, s[i]);
    }
    putc_(o, '"');
}

void synth_write_header(synth_out *o)
{
    puts_(o, "account_id,time,action,post_id,object_id,url,text,hashtags,"
             "network,platform,asset_type,followers,account_created,"
             "profile_image\n");
}

void synth_account_id(const synth_world *w, uint32_t a, char *buf, size_t n)
{
    snprintf(buf, n, "u%07u", (unsigned)w->acct[a].label);
}

static void put_url(synth_out *o, const synth_world *w, const synth_row *r)
{
    if (r->url_kind == URL_STORY) {
        puts_(o, SCHEMES[r->url_var % VAR_COUNT]);
        put_name(o, &w->domain_names[r->domain % SYNTH_DOMAINS]);
        putc_(o, '/');
        puts_(o, synth_section(r->url * 7u));
        putc_(o, '/');
        put_u64(o, r->url, 1);
        if (r->url_var == VAR_SLASH)
            putc_(o, '/');
        else if (r->url_var == VAR_UTM)
            puts_(o, w->acct[r->account].kind == KIND_NEWS
                         ? "?utm_source=facebook&utm_medium=social"
                         : "?utm_source=twitter&utm_medium=share");
        else if (r->url_var == VAR_FBCLID) {
            puts_(o, "?fbclid=IwAR");
            put_hex(o, mix64(r->post), 16);
        }
    } else if (r->url_kind == URL_SITE) {
        puts_(o, "https://");
        unsigned site = w->acct[r->account].group * SYNTH_SITES +
                        r->domain % SYNTH_SITES;
        put_name(o, &w->site_names[site % (CIB_SYNTH_MAX_NETWORKS *
                                           SYNTH_SITES)]);
        puts_(o, "/article/");
        put_u64(o, r->url, 1);
        if (r->url_var == VAR_UTM)
            puts_(o, "?utm_source=fb&utm_campaign=share");
    }
}

static void put_ip(synth_out *o, unsigned asn, unsigned a, unsigned b,
                   unsigned c, unsigned d)
{
    puts_(o, "AS");
    put_u64(o, asn, 1);
    putc_(o, '-');
    put_u64(o, a, 1);
    putc_(o, '.');
    put_u64(o, b & 255, 1);
    putc_(o, '.');
    put_u64(o, c & 255, 1);
    putc_(o, '.');
    put_u64(o, d & 255, 1);
}

/* The network value: an AS number and an address, made up. */
static void put_network(synth_out *o, const synth_world *w, const synth_row *r)
{
    const synth_account *a = &w->acct[r->account];
    if (a->kind == KIND_FARM) {
        const synth_net *n = &w->nets[a->group];
        unsigned op = r->op >= n->op_begin ? r->op - n->op_begin : 0;
        unsigned x = n->addr >> 24, y = n->addr >> 16, z = n->addr >> 8;
        if (r->net == NET_DESK)
            put_ip(o, n->asn, x, y, z, 10 + op);
        else if (r->net == NET_OFFICE)
            put_ip(o, n->asn, x, y, z, 1);
        else /* the operator's phone behind a carrier's NAT */
            put_ip(o, n->asn + 1000u, 100, 64 + a->group % 64, 200 + op % 50, 1);
        return;
    }
    if (r->net == NET_TOOL) {
        put_ip(o, 16509, 52, a->group * 37u, a->group, 10);
        return;
    }
    const synth_zone *z = &w->zones[a->zone];
    if (r->net == NET_MOBILE)
        put_ip(o, z->asn + 50u + (a->home >> 5) % SYNTH_CARRIERS, 100,
               64 + a->zone % 64,
               (a->home >> 5) % SYNTH_CARRIERS * SYNTH_POOLS +
                   a->home % SYNTH_POOLS, 1);
    else
        put_ip(o, z->asn + a->home % 8, 1 + (a->home >> 8) % 223,
               a->home >> 16, a->home >> 24, 2 + a->home % 250);
}

void synth_write_row(synth_out *o, const synth_world *w, const synth_row *r)
{
    const synth_account *a = &w->acct[r->account];
    putc_(o, 'u');
    put_u64(o, a->label, 7);
    putc_(o, ',');
    put_time(o, r->time);
    putc_(o, ',');
    put_name(o, &ACTIONS[r->action % CIB_ACTION_COUNT]);
    putc_(o, ',');
    if (r->post) {
        putc_(o, 'p');
        put_hex(o, mix64(r->post), 16);
    }
    putc_(o, ',');
    if (r->object) {
        putc_(o, 'p');
        put_hex(o, mix64(r->object), 16);
    }
    putc_(o, ',');
    put_url(o, w, r);
    putc_(o, ',');
    if (r->text_kind) {
        char text[512];
        size_t n = synth_text(text, sizeof text, r->text_kind, r->lang,
                              r->text, r->edit);
        put_cell(o, text, n);
    }
    putc_(o, ',');
    for (unsigned i = 0; i < r->n_tags && i < 3; i++) {
        if (i)
            putc_(o, ' ');
        put_name(o, &w->tag_names[r->tags[i] % SYNTH_TAGS]);
    }
    putc_(o, ',');
    put_network(o, w, r);
    putc_(o, ',');
    puts_(o, PLATFORMS[a->platform % 3]);
    putc_(o, ',');
    puts_(o, cib_asset_name((cib_asset)a->asset));
    putc_(o, ',');
    put_u64(o, a->followers, 1);
    putc_(o, ',');
    put_date(o, a->created);
    putc_(o, ',');
    /* the default avatar is one image per platform; a farm's accounts
     * reuse its stolen photos; everyone else has their own */
    uint64_t image =
        a->kind == KIND_FARM ? (uint64_t)0x40000000u + (uint64_t)a->group * 0x100000u + a->home
        : a->kind == KIND_ORGANIC && a->home % 128 == 0 ? 0xDEFA000ull + a->platform
                                                        : (uint64_t)r->account + 1;
    put_hex(o, mix64(image << 8 | 0x11), 16);
    putc_(o, '\n');
}
