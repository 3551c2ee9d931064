/*
 * text.c — the text trace: accounts posting the same message, verbatim
 * or lightly edited.
 *
 * The key is the event's near-duplicate group (normalize's text_key: the
 * earliest of the texts whose folded shingle sets are within the
 * Jaccard threshold of each other); text without words yields none.
 */
#include "internal.h"

int coord_text_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    if (src->norm == NULL || src->norm->text_key == NULL)
        return CIB_OK;
    return coord_keys_add(keys, src->norm->text_key[ev]);
}
