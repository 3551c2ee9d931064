/*
 * vocab.c — word lists and name makers of vocab.h.  The names are
 * invented: no real outlet or group is meant.  Depends on rng.h for the
 * seeded texts.
 */
#include "vocab.h"

#include <stdio.h>
#include <string.h>

#include "rng.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* 20 x 20 = 400 domain stems; the tld cycles so neighbours differ. */
static const char *const DOMAIN_HEAD[20] = {
    "daily", "global", "metro", "free",   "true",  "city",   "world",
    "open",  "new",    "local", "people", "prime", "star",   "first",
    "union", "public", "north", "south",  "coast", "valley"};
static const char *const DOMAIN_TAIL[20] = {
    "news",    "post",  "times",   "herald", "wire",    "report", "voice",
    "journal", "today", "gazette", "tribune", "observer", "courier", "ledger",
    "digest",  "press", "review",  "monitor", "chronicle", "bulletin"};
static const char *const TLDS[5] = {"com", "org", "net", "info", "co.uk"};

const char *synth_domain(unsigned d, char *buf, size_t n)
{
    d %= SYNTH_MAX_DOMAINS;
    snprintf(buf, n, "%s%s.%s", DOMAIN_HEAD[d % 20], DOMAIN_TAIL[d / 20],
             TLDS[(d / 3) % 5]);
    return buf;
}

static const char *const SITE_WORDS[3][SYNTH_SITES] = {
    {"homeland-liberation-voice.org", "free-nation-daily.net"},
    {"resistance-truth-news.com", "our-people-rising.org"},
    {"exile-council-report.info", "dawn-of-freedom.net"}};

const char *synth_site(unsigned op, unsigned s, char *buf, size_t n)
{
    snprintf(buf, n, "%s", SITE_WORDS[op % 3][s % SYNTH_SITES]);
    return buf;
}

static const char *const SECTIONS[] = {"world",  "politics", "economy",
                                       "sport",  "culture",  "science",
                                       "health", "opinion",  "local",
                                       "tech"};

const char *synth_section(unsigned i)
{
    return SECTIONS[i % COUNT(SECTIONS)];
}

static const char *const ORGANIC_TAGS[SYNTH_ORGANIC_TAGS] = {
    "news",     "music",   "football", "weekend", "food",    "travel",
    "photo",    "love",    "family",   "weather", "election", "health",
    "movies",   "books",   "coffee",   "art",     "tech",    "gaming",
    "fitness",  "nature",  "cats",     "dogs",    "friday",  "monday",
    "holiday",  "economy", "science",  "climate", "fashion", "cooking",
    "running",  "jazz",    "history",  "garden",  "traffic", "school",
    "startup",  "design",  "podcast",  "tbt"};

const char *synth_organic_tag(unsigned i)
{
    return ORGANIC_TAGS[i % SYNTH_ORGANIC_TAGS];
}

static const char *const NETWORK_TAG_WORDS[3][SYNTH_NETWORK_TAGS] = {
    {"FreeHomeland", "StandWithTheCouncil", "RegimeLies", "Liberation"},
    {"FreeHomeland", "TruthWillWin", "EndTheRegime", "OurPeople"},
    {"FreeHomeland", "ExileCouncil", "RegimeCrimes", "Dawn"}};

const char *synth_network_tag(unsigned op, unsigned i, char *buf, size_t n)
{
    snprintf(buf, n, "%s", NETWORK_TAG_WORDS[op % 3][i % SYNTH_NETWORK_TAGS]);
    return buf;
}

static const char *const CHATTER[] = {
    "just",    "got",      "home",     "from",     "work",     "and",
    "the",     "weather",  "is",       "great",    "today",    "what",
    "a",       "game",     "last",     "night",    "can't",    "believe",
    "this",    "happened", "again",    "my",       "favourite", "coffee",
    "place",   "closed",   "anyone",   "watching", "new",      "series",
    "love",    "it",       "so",       "much",     "traffic",  "on",
    "bridge",  "terrible", "morning",  "happy",    "birthday", "to",
    "best",    "friend",   "reading",  "good",     "book",     "about",
    "history", "of",       "city",     "lunch",    "with",     "team",
    "cat",     "sleeping", "all",      "day",      "long",     "weekend",
    "plans",   "hiking",   "beach",    "music",    "concert",  "tickets",
    "sold",    "out",      "in",       "minutes",  "prices",   "going",
    "up",      "everywhere", "who",    "else",     "thinks",   "that",
    "match",   "was",      "rigged",   "finally",  "finished", "project",
    "tired",   "but",      "proud",    "kids",     "school",   "starts",
    "next",    "week",     "recipe",   "for",      "soup",     "turned",
    "out",     "amazing",  "rain",     "again",    "no",       "umbrella",
    "should",  "I",        "buy",      "phone",    "or",       "wait",
    "news",    "today",    "sad",      "funny",    "video",    "saw",
    "dog",     "park",     "train",    "late",     "as",       "usual",
    "thanks",  "everyone", "for",      "support",  "big",      "day",
    "tomorrow", "election", "debate",  "tonight",  "interesting", "points",
    "market",  "fresh",    "bread",    "garden",   "flowers",  "blooming",
    "old",     "photos",   "found",    "attic",    "memories", "gym",
    "after",   "long",     "break",    "podcast",  "episode",  "recommend"};

static const char *const MESSAGE[] = {
    "the",       "council",   "is",        "the",       "only",
    "hope",      "for",       "our",       "homeland",  "regime",
    "lies",      "again",     "people",    "deserve",   "freedom",
    "stand",     "with",      "brave",     "resistance", "corrupt",
    "government", "must",     "fall",      "truth",     "will",
    "win",       "read",      "share",     "before",    "they",
    "delete",    "this",      "exiled",    "leaders",   "speak",
    "crimes",    "against",   "nation",    "world",     "must",
    "know",      "support",   "liberation", "now",      "media",
    "silent",    "on",        "abuses",    "join",      "us",
    "victory",   "is",        "near",      "shame",     "on",
    "ministers", "who",       "betray",    "our",       "martyrs"};

size_t synth_text(char *buf, size_t n, uint64_t seed, int kind)
{
    cib_rng r;
    cib_rng_seed(&r, seed);
    const char *const *words = kind ? MESSAGE : CHATTER;
    size_t nw = kind ? COUNT(MESSAGE) : COUNT(CHATTER);
    size_t count = kind ? 8 + cib_rng_below(&r, 7) : 5 + cib_rng_below(&r, 12);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && len + 1 < n; i++) {
        const char *w = words[cib_rng_below(&r, nw)];
        /* an occasional comma, so that quoting is exercised downstream */
        const char *sep = i == 0 ? "" : cib_rng_below(&r, 10) == 0 ? ", " : " ";
        int k = snprintf(buf + len, n - len, "%s%s", sep, w);
        if (k < 0)
            break;
        len += (size_t)k;
    }
    if (len >= n)
        len = n - 1;
    if (len + 1 < n) {
        buf[len++] = kind ? '!' : '.';
        buf[len] = '\0';
    }
    return len;
}
