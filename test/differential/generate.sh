#!/usr/bin/env bash
# Prints N random WHERE clauses over tax_invoices, one per line as "TimeZone<TAB>clause".
#   generate.sh SEED N VALUES_FILE
# VALUES_FILE holds real values of the dataset, one "kind<TAB>sql literal" per line (kinds: corp,
# name_prefix, name_part, regno, day), so that equality and LIKE atoms hit rows. The generator
# has its own linear congruential generator: the same seed gives the same clauses on any bash.
set -euo pipefail

seed=$1
count=$2
values_file=$3

rng_state=$((seed % 2147483648))
# Sets R to a pseudo-random integer in [0, $1).
rand() {
    rng_state=$(((rng_state * 1103515245 + 12345) % 2147483648))
    R=$(((rng_state >> 8) % $1))
}

declare -a corps=() name_prefixes=() name_parts=() regnos=()
while IFS=$'\t' read -r kind literal; do
    case $kind in
    corp) corps+=("$literal") ;;
    name_prefix) name_prefixes+=("$literal") ;;
    name_part) name_parts+=("$literal") ;;
    regno) regnos+=("$literal") ;;
    esac
done <"$values_file"
[ ${#corps[@]} -gt 0 ] || {
    echo "no companies in $values_file" >&2
    exit 1
}

# Offsets of the sessions' zones from KST differ in sign, size and fraction (Chatham +12:45).
timezones=(Asia/Seoul UTC America/New_York Pacific/Chatham Asia/Kolkata America/Los_Angeles
    Pacific/Kiritimati Europe/Berlin)

pick() { # pick ARRAY_NAME: sets P to a random element
    local -n arr=$1
    rand ${#arr[@]}
    P=${arr[$R]}
}

# A day between 2026-07-01 and 2026-11-20: covers retention's edge, month ends and the clock.
random_day() {
    rand 143
    D=$(date -u -d "2026-07-01 +$R days" +%Y-%m-%d)
}
random_time() {
    rand 24
    local h=$R
    rand 60
    T=$(printf '%02d:%02d:00' "$h" "$R")
}

# One date atom over a date column (write_date) or a timestamptz column.
date_atom() {
    local col d1 d2
    rand 3
    case $R in 0) col=write_date ;; 1) col=issued_at ;; 2) col=sent_at ;; esac
    random_day
    d1=$D
    rand 30
    d2=$(date -u -d "$d1 +$R days" +%Y-%m-%d)
    local lit1="date '$d1'" lit2="date '$d2'"
    if [ "$col" != write_date ]; then
        rand 4
        case $R in
        0) ;; # a date compared with timestamptz: midnight in the session's zone
        1)
            random_time
            lit1="timestamptz '$d1 $T'"
            random_time
            lit2="timestamptz '$d2 $T'"
            ;;
        2)
            lit1="timestamptz '$d1 00:00:00+09'"
            lit2="timestamptz '$d2 00:00:00+09'"
            ;;
        3)
            random_time
            lit1="'$d1 $T+00'::timestamptz"
            lit2="'$d2 23:59:59.999999+00'::timestamptz"
            ;;
        esac
    fi
    rand 9
    case $R in
    0) A="$col >= $lit1 AND $col < $lit2" ;;
    1) A="$col BETWEEN $lit1 AND $lit2" ;;
    2) A="$col > $lit1 AND $col <= $lit2" ;;
    3) A="$col >= $lit1" ;;
    4) A="$col < $lit2" ;;
    5) A="($col < $lit1 OR $col >= $lit2)" ;;
    6)
        if [ "$col" = write_date ]; then
            random_day
            A="$col IN ($lit1, $lit2, date '$D')"
        else
            A="$col::date IN ($lit1::date, $lit2::date)"
        fi
        ;;
    7)
        if [ "$col" = write_date ]; then A="$col = $lit1"; else A="date_trunc('day', $col) = $lit1"; fi
        ;;
    8)
        random_day
        A="($col BETWEEN $lit1 AND $lit2 OR $col >= date '$D')"
        ;;
    esac
}

direction_atom() {
    rand 6
    case $R in
    0) A="supbuy_type = 'AR'" ;;
    1) A="supbuy_type = 'AP'" ;;
    2) A="supbuy_type IN ('AR', 'AP')" ;;
    3) A="supbuy_type <> 'AR'" ;;
    4) A="supbuy_type IS NOT NULL" ;;
    5) A="supbuy_type IN ('AP', 'XX')" ;;
    esac
}

amount_atom() {
    local cols=(supply_amount tax_amount total_amount) col bounds=(0 100000 500000 1000000 5000000 20000000)
    pick cols
    col=$P
    rand 7
    case $R in
    0) pick bounds; A="$col > $P" ;;
    1) pick bounds; A="$col <= $P" ;;
    2) pick bounds; local lo=$P; pick bounds; A="$col BETWEEN $lo AND $((lo + P))" ;;
    3) A="$col = 0" ;;
    4) A="$col < 0" ;;
    5) A="total_amount = supply_amount + tax_amount" ;;
    6) A="$col IS NULL" ;;
    esac
}

name_atom() {
    local who
    rand 2
    if [ $R -eq 0 ]; then who=supplier; else who=buyer; fi
    rand 6
    case $R in
    0) pick name_prefixes; A="${who}_name LIKE $P" ;;
    1) pick name_parts; A="${who}_name LIKE $P" ;;
    2) pick name_parts; A="${who}_name NOT LIKE $P" ;;
    3) pick regnos; A="${who}_regno = $P" ;;
    4) A="document_no IS NULL" ;;
    5) A="${who}_email IS NOT NULL AND ${who}_email LIKE '%@%'" ;;
    esac
}

type_atom() {
    rand 5
    case $R in
    0) A="type_code IN ('02', '04')" ;;
    1) A="type_code = '01'" ;;
    2) A="purpose_code = '02'" ;;
    3) A="invoice_type LIKE '__02'" ;;
    4) A="issue_id LIKE '2026%'" ;;
    esac
}

# Companies: every clause names its SearchComRegnos explicitly, in varying forms.
company_atom() {
    rand 4
    case $R in
    0) pick corps; A="corp_num = $P" ;;
    1) A="corp_num IN ($(IFS=,; echo "${corps[*]}"))" ;;
    2) pick corps; local c1=$P; pick corps; A="(corp_num = $c1 OR corp_num = $P)" ;;
    3) A="corp_num = ANY (ARRAY[$(IFS=,; echo "${corps[*]}")])" ;;
    esac
}

random_atom() {
    rand 10
    case $R in
    0 | 1 | 2 | 3) date_atom ;;
    4 | 5) direction_atom ;;
    6) amount_atom ;;
    7 | 8) name_atom ;;
    9) type_atom ;;
    esac
}

for ((i = 0; i < count; i++)); do
    company_atom
    clause=$A
    rand 3
    atoms=$((R + 1))
    for ((j = 0; j < atoms; j++)); do
        random_atom
        rand 10
        if [ $R -eq 0 ]; then
            A="NOT ($A)"
        elif [ $R -eq 1 ]; then
            local_first=$A
            random_atom
            A="($local_first OR $A)"
        fi
        clause="$clause AND $A"
    done
    pick timezones
    printf '%s\t%s\n' "$P" "$clause"
done
