/*
 * hashtag.c — the hashtag trace: accounts using the same set of hashtags.
 *
 * One key per event: the set of its case-folded hashtags (normalize's
 * tagset_key: from the hashtag column, or from the hashtags written in
 * the text when the input has none), so "#A #B" and "#b #a" agree and a
 * single popular tag does not, on its own, make a key shared by everyone
 * who used it among others.  Events without tags yield none.
 */
#include "internal.h"

int coord_hashtag_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    if (src->norm == NULL || src->norm->tagset_key == NULL)
        return CIB_OK;
    return coord_keys_add(keys, src->norm->tagset_key[ev]);
}
