/*
 * vocab.c — word lists and name makers of vocab.h.  The names are
 * invented: no real outlet or group is meant.  The Persian lists are
 * written with the Persian letters yeh (U+06CC) and kaf (U+06A9); edited
 * copies may type the Arabic ones (U+064A, U+0643), as people on Arabic
 * keyboards do.  Depends on rng.h for the seeded texts.
 */
#include "vocab.h"

#include <stdbool.h>
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

static const char *const SITE_A[8] = {"homeland", "nation", "people",
                                      "exile",    "dawn",   "liberty",
                                      "unity",    "justice"};
static const char *const SITE_B[6] = {"voice", "daily", "truth",
                                      "report", "rising", "watch"};
static const char *const SITE_TLD[3] = {"org", "net", "info"};

const char *synth_site(unsigned net, unsigned s, char *buf, size_t n)
{
    /* (net, s) -> distinct (a, b, tld) for the first 16 networks */
    unsigned k = net * SYNTH_SITES + s % SYNTH_SITES;
    snprintf(buf, n, "%s-%s-%s.%s", k % 2 ? "free" : "our",
             SITE_A[k % 8], SITE_B[(k / 8) % 6], SITE_TLD[(k / 48 + k) % 3]);
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
    "news",     "music",   "football", "weekend", "food",     "travel",
    "photo",    "love",    "family",   "weather", "election", "health",
    "movies",   "books",   "coffee",   "art",     "tech",     "gaming",
    "fitness",  "nature",  "cats",     "dogs",    "friday",   "monday",
    "holiday",  "economy", "science",  "climate", "fashion",  "cooking",
    "running",  "jazz",    "history",  "garden",  "traffic",  "school",
    "startup",  "design",  "podcast",  "tbt",     "sunset",   "beach",
    "nba",      "f1",      "cricket",  "anime",   "kpop",     "wedding",
    "birthday", "pizza",   "vegan",    "yoga",    "crypto",   "bitcoin",
    "memes",    "quotes",  "selfie",   "streetart", "instagood", "followme"};

static const char *const NET_HEAD[8] = {"Free", "Stand", "End", "Truth",
                                        "Rise", "Voice", "Save", "Justice"};
static const char *const NET_TAIL[12] = {
    "Homeland", "Nation", "TheCouncil", "OurPeople", "Freedom", "TheRegime",
    "Resistance", "Dawn",  "Liberty",   "Martyrs",   "TheTruth", "Unity"};
static const char *const NET_SUFFIX[4] = {"", "Now", "Today", "2020"};
static const char *const BREAK_WHAT[10] = {
    "Earthquake", "Flood", "Fire", "Explosion", "Election", "Verdict",
    "Storm",      "Crash", "Strike", "Resigns"};
static const char *const BREAK_WHERE[5] = {"North", "Capital", "Coast",
                                           "Valley", "Port"};

const char *synth_tag(unsigned t, char *buf, size_t n)
{
    if (t < SYNTH_TAG_NETWORK) {
        snprintf(buf, n, "%s", ORGANIC_TAGS[t % SYNTH_ORGANIC_TAGS]);
    } else if (t < SYNTH_TAG_BREAKING) {
        /* network k's six tags: one word pair each, shared by none */
        unsigned k = (t - SYNTH_TAG_NETWORK) / SYNTH_NETWORK_TAGS;
        unsigned i = (t - SYNTH_TAG_NETWORK) % SYNTH_NETWORK_TAGS;
        unsigned h = (k * 5 + i * 3) % 8, tl = (k * 7 + i) % 12;
        snprintf(buf, n, "%s%s%s", NET_HEAD[h], NET_TAIL[tl],
                 k >= 4 ? NET_SUFFIX[k % 4] : "");
    } else if (t < SYNTH_TAG_OUTLET) {
        unsigned b = (t - SYNTH_TAG_BREAKING) % SYNTH_BREAKING_TAGS;
        snprintf(buf, n, "%s%s", BREAK_WHAT[b % 10], BREAK_WHERE[b / 10]);
    } else {
        unsigned d = (t - SYNTH_TAG_OUTLET) % SYNTH_MAX_DOMAINS;
        snprintf(buf, n, "%s%s", DOMAIN_HEAD[d % 20], DOMAIN_TAIL[d / 20]);
    }
    return buf;
}

static const char *const CHATTER_EN[] = {
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
    "amazing", "rain",     "no",       "umbrella", "should",   "I",
    "buy",     "phone",    "or",       "wait",     "sad",      "funny",
    "video",   "saw",      "dog",      "park",     "train",    "late",
    "as",      "usual",    "thanks",   "everyone", "support",  "big",
    "tomorrow", "debate",  "tonight",  "interesting", "points", "market",
    "fresh",   "bread",    "garden",   "flowers",  "blooming", "old",
    "photos",  "found",    "attic",    "memories", "gym",      "after",
    "break",   "podcast",  "episode",  "recommend", "\"best\"", "ever"};

static const char *const CHATTER_FA[] = {
    "سلام", "امروز", "هوا", "خیلی", "خوب", "بود", "است", "دوستان",
    "شب", "صبح", "چای", "کتاب", "فیلم", "بازی", "فوتبال", "خانه",
    "کار", "خسته", "شدم", "تهران", "باران", "برف", "قیمت", "گران",
    "نان", "مادر", "پدر", "تولد", "مبارک", "سفر", "شمال", "دریا",
    "موسیقی", "کنسرت", "ترافیک", "دانشگاه", "امتحان", "ناهار", "شام",
    "عکس", "قشنگ", "زندگی", "زیبا", "یک", "روز", "با", "در", "از",
    "به", "که", "این", "همه", "ما", "من", "کی", "میاد", "دیروز"};

static const char *const MESSAGE_EN[] = {
    "the",        "council",   "is",        "the",       "only",
    "hope",       "for",       "our",       "homeland",  "regime",
    "lies",       "again",     "people",    "deserve",   "freedom",
    "stand",      "with",      "brave",     "resistance", "corrupt",
    "government", "must",      "fall",      "truth",     "will",
    "win",        "read",      "share",     "before",    "they",
    "delete",     "this",      "exiled",    "leaders",   "speak",
    "crimes",     "against",   "nation",    "world",     "know",
    "support",    "liberation", "now",      "media",     "silent",
    "on",         "abuses",    "join",      "us",        "victory",
    "near",       "shame",     "ministers", "who",       "betray",
    "martyrs",    "\"elected\"", "puppets", "streets",   "rise",
    "youth",      "prisoners", "executed",  "tyrants",   "wake",
    "up",         "every",     "day",       "more",      "evidence"};

static const char *const MESSAGE_FA[] = {
    "مردم", "ایران", "آزادی", "رژیم", "سرنگونی", "مقاومت", "جنایت",
    "حکومت", "ملت", "پیروزی", "نزدیک", "است", "شورای", "ملی", "دروغ",
    "فساد", "زندانی", "سیاسی", "اعدام", "نه", "به", "حقیقت", "کشور",
    "ما", "برای", "همه", "با", "در", "این", "خون", "شهیدان", "راه",
    "ادامه", "دارد", "جوانان", "قیام", "خیابان", "صدای", "بلند",
    "جهان", "باید", "بداند", "یکپارچه", "ایستاده‌ایم", "کارگران",
    "معلمان", "زنان", "پیکار", "رهبری", "مجاهدین"};

static const char *const HEADLINE_WORDS[] = {
    "minister",  "announces", "new",      "plan",     "to",       "cut",
    "taxes",     "after",     "storm",    "hits",     "coast",    "thousands",
    "without",   "power",     "central",  "bank",     "raises",   "rates",
    "again",     "as",        "inflation", "climbs",  "court",    "rules",
    "on",        "election",  "dispute",  "police",   "investigate", "fire",
    "at",        "warehouse", "team",     "wins",     "title",    "in",
    "dramatic",  "final",     "scientists", "discover", "water",  "under",
    "ice",       "talks",     "collapse", "over",     "border",   "deal",
    "prices",    "of",        "fuel",     "surge",    "report",   "finds",
    "hospital",  "waiting",   "times",    "record",   "high",     "protest",
    "draws",     "crowds",    "capital",  "president", "visits",  "flood",
    "victims",   "markets",   "fall",     "tech",     "giant",    "fined",
    "for",       "data",      "breach",   "school",   "strike",   "ends"};

static const char *const STOCK_EN[] = {
    "Amen", "Congratulations!", "So true", "Happy birthday!", "RIP",
    "Thank you", "Well said", "Beautiful", "This!", "Good morning",
    "Love this", "Wow", "Agreed", "Sad news", "Great job"};
static const char *const STOCK_FA[] = {
    "آمین", "تبریک میگم", "عالی بود", "روحش شاد", "ممنون", "دقیقا",
    "زیباست", "تولدت مبارک"};

static const char *const REACTION_EN[] = {
    "omg", "this is huge", "wow", "unbelievable", "praying for everyone",
    "breaking", "stay safe", "what is going on", "just saw this",
    "terrible news", "finally", "can't believe it", "here we go"};

static const char *const DECORATIONS[] = {"!!", " 🔥", " 👇", " ‼️",
                                          " ✊", " 🙏", "..."};

#define MAX_WORDS 40

/* Swap every Persian yeh (DB 8C) and kaf (DA A9) for the Arabic yeh
 * (D9 8A) and kaf (D9 83): same byte length, so in place. */
static void arabic_letters(char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (a == 0xDB && b == 0x8C) {
            s[i] = (char)0xD9;
            s[i + 1] = (char)0x8A;
            i++;
        } else if (a == 0xDA && b == 0xA9) {
            s[i] = (char)0xD9;
            s[i + 1] = (char)0x83;
            i++;
        }
    }
}

/* Append s (length k) to buf at *len, within n; false when full. */
static bool put(char *buf, size_t n, size_t *len, const char *s, size_t k)
{
    if (*len + k + 1 > n)
        return false;
    memcpy(buf + *len, s, k);
    *len += k;
    buf[*len] = '\0';
    return true;
}

static size_t phrase(char *buf, size_t n, const char *s)
{
    size_t len = 0;
    buf[0] = '\0';
    put(buf, n, &len, s, strlen(s));
    return len;
}

size_t synth_text(char *buf, size_t n, unsigned kind, unsigned lang,
                  uint64_t seed, unsigned edit)
{
    if (n == 0)
        return 0;
    buf[0] = '\0';
    bool fa = lang == 1;
    if (kind == SYNTH_TEXT_STOCK)
        return phrase(buf, n, fa ? STOCK_FA[seed % COUNT(STOCK_FA)]
                                 : STOCK_EN[seed % COUNT(STOCK_EN)]);
    if (kind == SYNTH_TEXT_REACTION)
        return phrase(buf, n, REACTION_EN[seed % COUNT(REACTION_EN)]);

    const char *const *words;
    size_t nw, count;
    cib_rng r;
    cib_rng_seed(&r, seed);
    switch (kind) {
    case SYNTH_TEXT_MESSAGE:
        words = fa ? MESSAGE_FA : MESSAGE_EN;
        nw = fa ? COUNT(MESSAGE_FA) : COUNT(MESSAGE_EN);
        count = 14 + cib_rng_below(&r, 17);
        break;
    case SYNTH_TEXT_HEADLINE:
        words = HEADLINE_WORDS;
        nw = COUNT(HEADLINE_WORDS);
        count = 7 + cib_rng_below(&r, 7);
        break;
    default:
        words = fa ? CHATTER_FA : CHATTER_EN;
        nw = fa ? COUNT(CHATTER_FA) : COUNT(CHATTER_EN);
        count = 4 + cib_rng_below(&r, 14);
        break;
    }
    uint16_t pick[MAX_WORDS + 1];
    bool comma[MAX_WORDS + 1];
    for (size_t i = 0; i < count; i++) {
        pick[i] = (uint16_t)cib_rng_below(&r, nw);
        /* an occasional comma, so that quoting is exercised downstream */
        comma[i] = kind != SYNTH_TEXT_HEADLINE && cib_rng_below(&r, 10) == 0;
    }
    int decorate = -1;
    bool arabic = false, prefix = false;
    if (edit) {
        cib_rng e;
        cib_rng_seed(&e, seed ^ (0x9E3779B97F4A7C15ull * edit));
        unsigned ops = 1 + (unsigned)cib_rng_below(&e, 2);
        for (unsigned k = 0; k < ops; k++) {
            size_t at = cib_rng_below(&e, count);
            switch (cib_rng_below(&e, fa ? 6 : 5)) {
            case 0: /* another word */
                pick[at] = (uint16_t)cib_rng_below(&e, nw);
                break;
            case 1: /* one word fewer */
                if (count > 4) {
                    memmove(pick + at, pick + at + 1,
                            (count - at - 1) * sizeof *pick);
                    memmove(comma + at, comma + at + 1,
                            (count - at - 1) * sizeof *comma);
                    count--;
                }
                break;
            case 2: /* neighbours swapped */
                if (at + 1 < count) {
                    uint16_t t = pick[at];
                    pick[at] = pick[at + 1];
                    pick[at + 1] = t;
                }
                break;
            case 3:
                decorate = (int)cib_rng_below(&e, COUNT(DECORATIONS));
                break;
            case 4:
                prefix = true;
                break;
            default:
                arabic = true;
                break;
            }
        }
    }
    size_t len = 0;
    if (prefix)
        put(buf, n, &len, fa ? "\xF0\x9F\x91\x89 " : "RT ", fa ? 5 : 3);
    for (size_t i = 0; i < count; i++) {
        const char *w = words[pick[i]];
        if (i > 0 && !put(buf, n, &len, " ", 1))
            break;
        if (!put(buf, n, &len, w, strlen(w)))
            break;
        if (comma[i] && i + 1 < count && !put(buf, n, &len, ",", 1))
            break;
    }
    if (kind == SYNTH_TEXT_HEADLINE && len > 0 && buf[0] >= 'a' &&
        buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    if (kind == SYNTH_TEXT_CHAT)
        put(buf, n, &len, ".", 1);
    else if (kind == SYNTH_TEXT_MESSAGE && !fa)
        put(buf, n, &len, "!", 1);
    if (decorate >= 0)
        put(buf, n, &len, DECORATIONS[decorate], strlen(DECORATIONS[decorate]));
    if (arabic)
        arabic_letters(buf, len);
    return len;
}
