/*
 * network.c — the network trace: accounts seen on the same network value
 * (IP address, block, ASN or device fingerprint).
 *
 * Untimed: sharing the value at all links two accounts (DESIGN.md, the
 * "shared infrastructure" signal).  The key is the value's string id.
 */
#include "internal.h"

int coord_network_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    return coord_keys_add(keys, src->store->events.network[ev]);
}
