#!/usr/bin/env python3
"""to_twitter_io.py — rewrite an activity CSV (cibscan synth output) in the
column layout of Twitter's information-operation releases (CONTRACT.md,
"Input: Twitter/X information-operation release CSV"), so the benchmark
can time that format on the same events.

usage: to_twitter_io.py ACTIVITY.csv OUT.csv

Mapping: userid, user_screen_name and user_display_name <- account_id;
tweetid <- post_id (or t<row> when empty); tweet_time <- time cut to the
minute as the releases write it ("YYYY-MM-DD HH:MM", UTC); a repost or
share becomes is_retweet=True with retweet_tweetid <- object_id, a reply
or comment sets in_reply_to_tweetid, a quote quoted_tweet_tweetid;
hashtags and urls become bracketed lists ("['a', 'b']"); follower_count
<- followers.  Other release columns are left empty.
"""
import csv
import re
import sys

COLUMNS = [
    "tweetid", "userid", "user_display_name", "user_screen_name",
    "user_reported_location", "user_profile_description",
    "user_profile_url", "follower_count", "following_count",
    "account_creation_date", "account_language", "tweet_language",
    "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_userid",
    "in_reply_to_tweetid", "quoted_tweet_tweetid", "is_retweet",
    "retweet_userid", "retweet_tweetid", "latitude", "longitude",
    "quote_count", "reply_count", "like_count", "retweet_count", "hashtags",
    "urls", "user_mentions", "poll_choices",
]

SPLIT_URLS = re.compile(r"[\s|]+")
SPLIT_TAGS = re.compile(r"[\s|,]+")


def bracketed(value, splitter):
    items = [x.lstrip("#") for x in splitter.split(value) if x.strip("#")]
    return "[" + ", ".join("'%s'" % x for x in items) + "]" if items else ""


def release_time(iso):
    # "2020-01-06T00:00:14Z" -> "2020-01-06 00:00"
    return iso[:10] + " " + iso[11:16] if len(iso) >= 16 else iso


def main(src, dst):
    with open(src, newline="", encoding="utf-8") as fin, \
            open(dst, "w", newline="", encoding="utf-8") as fout:
        rows = csv.DictReader(fin)
        out = csv.writer(fout, lineterminator="\n")
        out.writerow(COLUMNS)
        for n, r in enumerate(rows):
            action = (r.get("action") or "post").lower()
            obj = r.get("object_id") or ""
            account = r["account_id"]
            rec = dict.fromkeys(COLUMNS, "")
            rec.update(
                tweetid=r.get("post_id") or "t%d" % n,
                userid=account, user_display_name=account,
                user_screen_name=account,
                follower_count=r.get("followers") or "",
                tweet_text=r.get("text") or "",
                tweet_time=release_time(r["time"]),
                is_retweet="True" if action in ("repost", "share") else "False",
                hashtags=bracketed(r.get("hashtags") or "", SPLIT_TAGS),
                urls=bracketed(r.get("url") or "", SPLIT_URLS),
            )
            if action in ("repost", "share"):
                rec["retweet_tweetid"] = obj
            elif action in ("reply", "comment"):
                rec["in_reply_to_tweetid"] = obj
            elif action == "quote":
                rec["quoted_tweet_tweetid"] = obj
            out.writerow([rec[c] for c in COLUMNS])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: to_twitter_io.py ACTIVITY.csv OUT.csv")
    main(sys.argv[1], sys.argv[2])
