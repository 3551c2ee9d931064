/*
 * emit.c — writing simulated rows as activity CSV (CONTRACT.md "Input:
 * activity CSV").  Cells are RFC 4180 quoted by the report's CSV writer,
 * without formula neutralisation: this file is input for cibscan, and its
 * values must read back exactly as generated.
 */
#include "internal.h"

#include <inttypes.h>
#include <string.h>

#include "../report/csv_out.h"

static const char *const PLATFORMS[] = {"facebook", "instagram", "twitter"};

void synth_write_header(FILE *f)
{
    fputs("account_id,time,action,post_id,object_id,url,text,hashtags,"
          "network,platform,asset_type,followers\n", f);
}

void synth_account_id(const synth_world *w, uint32_t a, char *buf, size_t n)
{
    snprintf(buf, n, "u%07" PRIu32, w->acct[a].label);
}

static void put_url(FILE *f, const synth_world *w, const synth_row *r)
{
    char dom[64];
    if (r->url_kind == URL_ORGANIC)
        fprintf(f, "https://www.%s/%s/%" PRIu32 "%s",
                synth_domain(w->url_domain[r->url], dom, sizeof dom),
                synth_section(r->url), r->url,
                r->tracking ? "?utm_source=social&utm_medium=share" : "");
    else if (r->url_kind == URL_SITE)
        fprintf(f, "https://%s/article/%" PRIu32,
                synth_site(w->acct[r->account].op, r->url_site, dom,
                           sizeof dom),
                r->url);
}

static void put_tags(FILE *f, const synth_account *a, const synth_row *r)
{
    char tag[64];
    for (unsigned i = 0; i < r->n_tags && i < 3; i++) {
        const char *t = a->op == SYNTH_NO_OP
                            ? synth_organic_tag(r->tags[i])
                            : synth_network_tag(a->op, r->tags[i], tag,
                                                sizeof tag);
        fprintf(f, "%s%s", i ? " " : "", t);
    }
}

/* The network value: a made-up ASN and /24 per organic account; one
 * shared value per operator (one office, one line). */
static void put_network(FILE *f, const synth_account *a)
{
    if (a->op == SYNTH_NO_OP)
        fprintf(f, "AS%" PRIu32 "-%" PRIu32 ".%" PRIu32 ".%" PRIu32 ".x",
                1000 + a->net % 60000, 1 + (a->net >> 8) % 223,
                (a->net >> 16) & 255, (a->net >> 24) & 255);
    else
        fprintf(f, "AS%u-10.%u.2.x", 64500u + a->op, 1u + a->op);
}

void synth_write_row(FILE *f, const synth_world *w, const synth_row *r)
{
    const synth_account *a = &w->acct[r->account];
    char buf[512];
    synth_account_id(w, r->account, buf, sizeof buf);
    fputs(buf, f);
    fprintf(f, ",%s,%s,", cib_time_iso(r->time, buf, sizeof buf),
            cib_action_name((cib_action)r->action));
    if (r->post)
        fprintf(f, "p%" PRIu64, r->post);
    fputc(',', f);
    if (r->object)
        fprintf(f, "p%" PRIu64, r->object);
    fputc(',', f);
    put_url(f, w, r);
    fputc(',', f);
    if (r->text) {
        size_t n = synth_text(buf, sizeof buf, r->text, a->op != SYNTH_NO_OP);
        cib_csv_cell(f, buf, n, 0);
    }
    fputc(',', f);
    put_tags(f, a, r);
    fputc(',', f);
    put_network(f, a);
    fprintf(f, ",%s,%s,%" PRId64 "\n", PLATFORMS[a->platform % 3],
            cib_asset_name((cib_asset)a->asset), a->followers);
}
