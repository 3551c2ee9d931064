/*
 * vocab.h — the simulator's made-up names and words: news domains, the
 * planted networks' own sites, hashtags, and post texts drawn from word
 * lists (English and Persian).  All are functions of small integers or a
 * seed, so a row can be kept as numbers until it is written.
 */
#ifndef CIB_SYNTH_VOCAB_H
#define CIB_SYNTH_VOCAB_H

#include <stddef.h>
#include <stdint.h>

/* Distinct organic news domains available (>= the simulator's 300). */
#define SYNTH_MAX_DOMAINS 400
/* Sites each planted network runs. */
#define SYNTH_SITES 3
/* Organic hashtags (Zipf-popular); hashtags of one planted network. */
#define SYNTH_ORGANIC_TAGS 60
#define SYNTH_NETWORK_TAGS 6
/* Tag numbers: organic tags are 0 .. SYNTH_ORGANIC_TAGS-1; network n's
 * are SYNTH_TAG_NETWORK + n * SYNTH_NETWORK_TAGS + i; a breaking story's
 * tag is SYNTH_TAG_BREAKING + (story mod SYNTH_BREAKING_TAGS); an
 * outlet's own tag SYNTH_TAG_OUTLET + domain. */
#define SYNTH_TAG_NETWORK 100
#define SYNTH_TAG_BREAKING 400
#define SYNTH_BREAKING_TAGS 50
#define SYNTH_TAG_OUTLET 500

/* Organic domain number d, e.g. "dailyherald.com". */
const char *synth_domain(unsigned d, char *buf, size_t n);

/* Network net's site s (< SYNTH_SITES), e.g. "free-homeland-voice.org". */
const char *synth_site(unsigned net, unsigned s, char *buf, size_t n);

/* A URL path section word ("world", "politics", ...). */
const char *synth_section(unsigned i);

/* Tag number t (see above) into buf, without '#'. */
const char *synth_tag(unsigned t, char *buf, size_t n);

/* Text kinds (internal.h TEXT_*): */
enum {
    SYNTH_TEXT_CHAT = 1,     /* everyday chatter */
    SYNTH_TEXT_MESSAGE = 2,  /* a network's message: praise the group,
                                attack the government; 14-30 words */
    SYNTH_TEXT_HEADLINE = 3, /* a news story's headline (English) */
    SYNTH_TEXT_STOCK = 4,    /* a stock phrase ("Amen", "Congratulations!") */
    SYNTH_TEXT_REACTION = 5, /* a reaction to breaking news */
};

/* The text of `kind` in language `lang` (cib_synth_lang) for `seed` into
 * buf (NUL-terminated, truncated to n-1).  Equal arguments give equal
 * texts, which is how copies are made.  edit > 0 gives a lightly edited
 * copy: 1 or 2 of word replaced, word dropped, neighbours swapped, an
 * emoji or "!!" added, and in Persian the Arabic forms of yeh and kaf
 * typed for the Persian ones; the same (seed, edit) gives the same copy.
 * Returns its length in bytes. */
size_t synth_text(char *buf, size_t n, unsigned kind, unsigned lang,
                  uint64_t seed, unsigned edit);

#endif
