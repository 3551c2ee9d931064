#!/usr/bin/env bash
# rhythm_real.sh — `cibscan rhythm` on real data with known operator
# locations (../shared/data/real/README.md, sections 1, 3 and 5).
source "$CIBSCAN_TESTLIB"

# group_field JSON_FILE GROUP EXPR: evaluate EXPR over group g of the
# rhythm --json output.
group_field() {
  python3 -c "
import json, sys
j = json.load(open(sys.argv[1]))
g = next(g for g in j['groups'] if g['group'] == sys.argv[2])
print($3)" "$1" "$2"
}

# 1. IRA Russian-language tweets (3% sample): Moscow office, UTC+3 within
#    one hour, rest at the weekend (Mon-Sun shares 14.2 .. 12.5, README).
IRA=ira538/ira538_timestamps_3pct_sample.csv
need_shared "$IRA"
"$CIBSCAN" rhythm --json --map account_id=author_id,time=publish_date \
  --group-by language "$SHARED/$IRA" > "$WORK/ira.json"
expect_eq "ira exit" 0 $?
off=$(group_field "$WORK/ira.json" Russian "g['utc_offset_hours']")
expect_match "Russian offset within 1 h of +3 (got $off)" '^(2\.0|2\.5|3\.0|3\.5|4\.0)$' "$off"
expect_eq "Russian weekend rest" "['Sat', 'Sun']" "$(group_field "$WORK/ira.json" Russian "sorted(g['rest_days'], key=['Mon','Tue','Wed','Thu','Fri','Sat','Sun'].index)")"
expect_eq "Russian no DST (Moscow has none since 2014)" False "$(group_field "$WORK/ira.json" Russian "g['dst']")"

# 2. Reddit: the IRA's suspicious submissions come out east of Greenwich
#    (UTC+1..+4), the normal users' west of it, in the Americas (UTC-3..-10),
#    with no weekend rest.
SUS=reddit_ira_suspicious/suspicious_submissions.csv
NOR=reddit_normal_sample/normal_submissions_sample.csv
need_shared "$SUS"; need_shared "$NOR"
"$CIBSCAN" rhythm --json --map account_id=author,time=created "$SHARED/$SUS" > "$WORK/sus.json"
"$CIBSCAN" rhythm --json --map account_id=author,time=created "$SHARED/$NOR" > "$WORK/nor.json"
sus=$(group_field "$WORK/sus.json" all "g['utc_offset_hours']")
nor=$(group_field "$WORK/nor.json" all "g['utc_offset_hours']")
expect_eq "suspicious east of Greenwich, +1..+4 (got $sus)" True "$(python3 -c "print(1 <= $sus <= 4)")"
expect_eq "normal in the Americas, -10..-3 (got $nor)" True "$(python3 -c "print(-10 <= $nor <= -3)")"
expect_eq "normal: no weekend rest" "[]" "$(group_field "$WORK/nor.json" all "g['rest_days']")"

# 3. Trump's tweets: US Eastern (-5 with DST); in Eastern time, 47% of the
#    Android tweets fall 05-10 against 11% of the iPhone ones, and 50% of
#    the iPhone tweets 15-21 against 27% of the Android ones (README,
#    counting whole end hours: 05:00-10:59 and 15:00-21:59).
TR=trump_tweets_robinson2016/trump_tweets_df.csv
need_shared "$TR"
"$CIBSCAN" rhythm --json --map account_id=source,time=created_utc "$SHARED/$TR" > "$WORK/tr.json"
expect_eq "trump offset" -5.0 "$(group_field "$WORK/tr.json" all "g['utc_offset_hours']")"
expect_eq "trump DST" True "$(group_field "$WORK/tr.json" all "g['dst']")"
expect_eq "trump zone is US Eastern" True "$(group_field "$WORK/tr.json" all "'America/New_York' in [g['zone']] + g['zones_equivalent']")"
"$CIBSCAN" rhythm --json --map account_id=source,time=created_utc --group-by source \
  --zone America/New_York "$SHARED/$TR" > "$WORK/src.json"
share() {  # share GROUP FIRST_HOUR LAST_HOUR -> percent, rounded
  group_field "$WORK/src.json" "$1" "round(100 * sum(g['hour_of_week_local'][d * 24 + h] for d in range(7) for h in range($2, $3 + 1)) / g['events'])"
}
expect_eq "Android tweets 05-10 ET, %" 47 "$(share 'Twitter for Android' 5 10)"
expect_eq "iPhone tweets 05-10 ET, %" 11 "$(share 'Twitter for iPhone' 5 10)"
expect_eq "iPhone tweets 15-21 ET, %" 50 "$(share 'Twitter for iPhone' 15 21)"
expect_eq "Android tweets 15-21 ET, %" 27 "$(share 'Twitter for Android' 15 21)"
expect_eq "Android tweets" 762 "$(group_field "$WORK/src.json" 'Twitter for Android' "g['events']")"
expect_eq "iPhone tweets" 628 "$(group_field "$WORK/src.json" 'Twitter for iPhone' "g['events']")"
finish
