/*
 * text.c — the text trace: accounts posting the same normalised text.
 *
 * The key is the event's text signature (normalize/norm.c: xxHash64 of
 * the NFKC-case-folded, space-collapsed text); blank text yields none.
 */
#include "internal.h"

int coord_text_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    if (src->norm == NULL || src->norm->text_key == NULL)
        return CIB_OK;
    return coord_keys_add(keys, src->norm->text_key[ev]);
}
