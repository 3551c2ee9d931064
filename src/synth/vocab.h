/*
 * vocab.h — the simulator's made-up names and words: news domains, the
 * planted network's own sites, hashtags, and post texts drawn from word
 * lists.  All are functions of small integers or a seed, so a row can be
 * kept as numbers until it is written.
 */
#ifndef CIB_SYNTH_VOCAB_H
#define CIB_SYNTH_VOCAB_H

#include <stddef.h>
#include <stdint.h>

/* Distinct organic news domains available (>= the simulator's 300). */
#define SYNTH_MAX_DOMAINS 400
/* Sites each operator of the planted network runs. */
#define SYNTH_SITES 2
#define SYNTH_ORGANIC_TAGS 40
#define SYNTH_NETWORK_TAGS 4

/* Organic domain number d (< SYNTH_MAX_DOMAINS), e.g. "dailyherald.com". */
const char *synth_domain(unsigned d, char *buf, size_t n);

/* Operator op's site s (< SYNTH_SITES), e.g. "free-homeland-voice.org". */
const char *synth_site(unsigned op, unsigned s, char *buf, size_t n);

/* A URL path section word ("world", "politics", ...). */
const char *synth_section(unsigned i);

/* Organic hashtag i (< SYNTH_ORGANIC_TAGS); network hashtag i of
 * operator op (< SYNTH_NETWORK_TAGS).  Without '#'. */
const char *synth_organic_tag(unsigned i);
const char *synth_network_tag(unsigned op, unsigned i, char *buf, size_t n);

/* The text for `seed` into buf (NUL-terminated, truncated to n-1):
 * kind 0 is everyday chatter, kind 1 the network's message (praise of
 * the group, attacks on the government).  Equal seeds and kinds give
 * equal texts, which is how copied text is made.  Returns its length. */
size_t synth_text(char *buf, size_t n, uint64_t seed, int kind);

#endif
