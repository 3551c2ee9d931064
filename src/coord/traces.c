/*
 * traces.c — the table of traces: name, timed or not, and how an event
 * yields its keys.  Adding a trace is a file with its emit function, a
 * row here and a cib_trace value in coord.h.
 */
#include "internal.h"

#include <string.h>
#include <strings.h>

const coord_trace_def coord_traces[CIB_TRACE_COUNT] = {
    [CIB_TRACE_URL] = {"url", true, coord_url_keys},
    [CIB_TRACE_OBJECT] = {"object", true, coord_object_keys},
    [CIB_TRACE_TEXT] = {"text", true, coord_text_keys},
    [CIB_TRACE_HASHTAG] = {"hashtag", true, coord_hashtag_keys},
    [CIB_TRACE_NETWORK] = {"network", false, coord_network_keys},
    [CIB_TRACE_IMAGE] = {"image", false, coord_image_keys},
};

const char *cib_trace_name(cib_trace t)
{
    return (unsigned)t < CIB_TRACE_COUNT ? coord_traces[t].name : "?";
}

bool cib_trace_parse(const char *s, size_t n, cib_trace *out)
{
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        const char *name = coord_traces[t].name;
        if (strlen(name) == n && strncasecmp(s, name, n) == 0) {
            *out = (cib_trace)t;
            return true;
        }
    }
    return false;
}

bool cib_trace_timed(cib_trace t)
{
    return (unsigned)t < CIB_TRACE_COUNT && coord_traces[t].timed;
}

int coord_keys_add(coord_keys *keys, uint64_t k)
{
    if (k == 0)
        return CIB_OK;
    for (size_t i = 0; i < keys->n; i++)
        if (keys->v[i] == k)
            return CIB_OK;
    if (cib_grow((void **)&keys->v, &keys->cap, keys->n + 1, sizeof k))
        return CIB_ENOMEM;
    keys->v[keys->n++] = k;
    return CIB_OK;
}
