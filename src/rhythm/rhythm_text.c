/*
 * rhythm_text.c — the plain-text table `cibscan rhythm` prints without
 * --json: one line per group, the CONTRACT.md rhythm keys in columns.
 */
#include <math.h>
#include <stdio.h>

#include "rhythm_internal.h"

void cib_rhythm_table_header(FILE *out)
{
    fprintf(out, "%-24s %9s %-30s %6s %4s %-15s %5s %5s %5s %5s %s\n", "group",
            "events", "zone", "utc", "conf", "pattern", "start", "end", "lunch",
            "night", "rest");
}

void cib_rhythm_table_row(FILE *out, const char *group, const cib_rhythm *r)
{
    char offset[16] = "-", conf[16] = "-", start[16] = "-", end[16] = "-";
    char lunch[16] = "-", night[16] = "-", rest[32] = "";
    if (r->zone[0]) {
        int minutes = (int)lround(r->utc_offset_hours * 60);
        int a = minutes < 0 ? -minutes : minutes;
        snprintf(offset, sizeof offset, "%c%d:%02d", minutes < 0 ? '-' : '+',
                 a / 60, a % 60);
        snprintf(conf, sizeof conf, "%.2f", r->zone_confidence);
    }
    if (r->workday_start_hour >= 0)
        snprintf(start, sizeof start, "%02d", r->workday_start_hour);
    if (r->workday_end_hour >= 0)
        snprintf(end, sizeof end, "%02d", r->workday_end_hour);
    if (isfinite(r->lunch_dip))
        snprintf(lunch, sizeof lunch, "%.2f", r->lunch_dip);
    if (isfinite(r->night_share))
        snprintf(night, sizeof night, "%.2f", r->night_share);
    size_t used = 0;
    for (int d = 0; d < 7; d++)
        if (r->rest_day[d] && used + 5 < sizeof rest)
            used += (size_t)snprintf(rest + used, sizeof rest - used, "%s%s",
                                     used ? "," : "", cib_weekday_name(d));
    char safe[256]; /* a group is a value of the input: no escapes */
    fprintf(out, "%-24s %9llu %-30s %6s %4s %-15s %5s %5s %5s %5s %s\n",
            cib_printable(group, safe, sizeof safe),
            (unsigned long long)r->events, r->zone[0] ? r->zone : "-",
            offset, conf, cib_pattern_name(r->pattern), start, end, lunch, night,
            used ? rest : "-");
}
