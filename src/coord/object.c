/*
 * object.c — the object trace: accounts acting on the same target post.
 *
 * A repost, reply, comment or quote of one post by several accounts
 * within the window (CooRTweet's co-retweet, co-reply networks).  The key
 * is the string id of events.object, whatever the action; events without
 * a target yield none.
 */
#include "internal.h"

int coord_object_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    return coord_keys_add(keys, src->store->events.object[ev]);
}
