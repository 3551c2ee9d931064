/*
 * image.c — the image trace: accounts showing the same image hash.
 *
 * Untimed.  An event yields the hash of the image it posted and the
 * profile image of its account, so two personas wearing one photo are
 * linked, and so is a persona whose photo another account posts.  Both
 * are string ids from the one pool, so equal hash strings match.
 */
#include "internal.h"

int coord_image_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    const cib_store *s = src->store;
    uint32_t account = s->events.account[ev];
    if (coord_keys_add(keys, s->events.image[ev]))
        return CIB_ENOMEM;
    if (account < s->accounts.n)
        return coord_keys_add(keys, s->accounts.profile_image[account]);
    return CIB_OK;
}
