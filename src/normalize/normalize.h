/*
 * normalize.h — canonical keys for the coordination traces.
 *
 * From the raw interned values of the event store this stage derives the
 * keys two accounts must share to co-act: canonical URLs and their
 * domains, a signature of the normalised text, lower-cased hashtags.
 * Results are arrays aligned with the store's, kept in a cib_norm beside
 * the store (the store itself is not changed except that new canonical
 * strings are interned into its pool).
 */
#ifndef CIB_NORMALIZE_H
#define CIB_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"
#include "../store/store.h"

typedef struct cib_norm {
    /* aligned with events.url_ids: canonical URL string id and its host's
     * domain string id (0 when the value is no URL).  The domain is the
     * registrable domain (public suffix + 1 label, libpsl: "www.bbc.co.uk"
     * -> "bbc.co.uk"), or the host itself when it has none (an IP
     * address, "localhost", a bare public suffix such as "blogspot.com") */
    uint32_t *url_key;
    uint32_t *url_domain;
    /* aligned with events rows: 64-bit signature of the normalised text,
     * 0 when the event has no text or the text is empty once normalised */
    uint64_t *text_key;
    /* aligned with events.tag_ids: case-folded hashtag string id */
    uint32_t *tag_key;
} cib_norm;

/* Canonical form of one URL into out (size n), per the foundation rules:
 * scheme and host lower-cased, fragment removed, tracking parameters
 * (utm_*, fbclid, gclid) removed.  A value that is not a URL is copied
 * unchanged.  Returns the length written (truncated to n-1). */
size_t cib_url_canonical(const char *url, size_t len, char *out, size_t n);

/* Host of a URL (lower-cased, without "www." and port) into out; returns
 * its length, 0 when the value has no host. */
size_t cib_url_host(const char *url, size_t len, char *out, size_t n);

/* Normalise text for comparison: Unicode NFKC and case fold (utf8proc),
 * whitespace runs to one space, trimmed.  Returns a malloc'ed string
 * (caller frees) and its length in *out_len, or NULL on memory failure or
 * invalid UTF-8. */
char *cib_text_normalize(const char *text, size_t len, size_t *out_len);

/* The same, telling the failures apart: returns 0 with *out (malloc'ed,
 * NUL-terminated, caller frees) and *out_len set, CIB_EINPUT when text is
 * not valid UTF-8, or CIB_ENOMEM.  Default-ignorable code points (zero
 * width space, joiners, ...) are removed, as Unicode's NFKC_Casefold
 * does. */
int cib_text_normalize_checked(const char *text, size_t len, char **out,
                               size_t *out_len);

/* Compute every key for the store into `norm` (its previous contents are
 * not freed; pass a zeroed struct).  Each distinct raw string is
 * normalised once (a cache indexed by string id), so the cost is one pass
 * over the events plus O(bytes of the distinct URLs, texts and tags).
 * Text or a tag that is not valid UTF-8 is keyed on its raw bytes.
 * Returns 0 or CIB_ENOMEM (norm is then left zeroed). */
int cib_norm_build(cib_norm *norm, cib_store *store, cib_error *err);
void cib_norm_free(cib_norm *norm);

#endif
