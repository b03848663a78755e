#!/usr/bin/env bash
# Proves that two voterroll binaries (before and after a refactor) write the same outputs.
#
#   scripts/compare-outputs.sh OLD_VOTERROLL NEW_VOTERROLL [WORKDIR]
#
# Runs both binaries on the same inputs, case by case, with SOURCE_DATE_EPOCH=1700000000 (so
# that report.html is reproducible), and compares every file each case wrote, byte for byte
# and recursively (published/, .xlsx, changes.csv…), with its mode; also each command's exit
# status and standard output. Not compared: the run stores (*.sqlite, *.sqlite-wal/-shm/-journal),
# the lock file (.voterroll.lock), the manifest of what a run wrote (.voterroll-manifest.json:
# it carries the run's own marker, a pid and random digits, and older binaries write none) and
# standard error (logs carry timings).
#
# Each case runs in the same folder for both binaries (WORKDIR/run, moved to WORKDIR/old/CASE
# and WORKDIR/new/CASE afterwards), from a copy of the repository's fixtures/ and pipelines/
# (WORKDIR/src) with the same relative paths, so any path a binary writes is the same for both.
# Each case starts from an empty folder, so a store's "since last run" is the same too.
#
# Prints one line per case: `same` or `DIFFERS: <files>`, with the exit statuses of its
# commands and both run times, and the first 20 lines of a diff for each differing text file
# (for a differing .xlsx, which parts differ and the first lines of their diff). Exits 1 if any
# case differs, 0 if none does, 2 on bad usage.
#
# Cases: the demo pipeline (as shipped, with formats csv+xlsx, run twice into one folder, and
# --lang en --mask-ids); fixtures/check in CSV, XLSX and Excel 2003 XML with every list, and the
# variants the end-to-end tests run (--no-store, --formats csv,xlsx, --lang en, --mask-ids,
# --output-encoding gb18030, --published-order pinyin, --leap-day mar1, --fail-on never/warning,
# --previous fixtures/changes/previous.csv with and without --previous-election-day, a previous
# roll.xlsx, a second recorded run, hashed lists, two townships sharing a store, the error
# exits); every register under fixtures/ingest (and every CSV/TSV there, --encoding too);
# `inspect` of every fixture; and a synth register of SYNTH_ROWS rows (seed 7; the synth output
# itself, then `check` with every list, plain and with --previous, with --formats csv and
# csv,xlsx, from CSV and XLSX registers).
#
# The XLSX writer is deterministic (fixed entry dates), so .xlsx files are compared byte for
# byte like every other file. XLSX_BY_PARTS=1 accepts an .xlsx whose unzipped parts are equal
# when its bytes are not.
#
# Environment:
#   SYNTH_ROWS=100000    rows of the synth register (smaller for a quick run)
#   CASES=REGEX          run only the cases whose name matches (grep -E)
#   VOTERROLL_TIMEOUT=900  seconds one command may take before it is killed (status 124)
#   XLSX_BY_PARTS=1      see above
#
# WORKDIR (default: a new folder under /tmp) is kept when given or when a case differs,
# removed otherwise. Needs bash 4, python3 (for the synth previous roll), unzip, cmp, diff.
set -uo pipefail

usage() {
    echo "usage: $0 OLD_VOTERROLL NEW_VOTERROLL [WORKDIR]" >&2
    exit 2
}
[[ $# -ge 2 && $# -le 3 ]] || usage
for binary in "$1" "$2"; do
    [[ -x $binary && -f $binary ]] || { echo "$0: $binary is not an executable file" >&2; exit 2; }
done
for tool in python3 unzip cmp diff timeout; do
    command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 2; }
done

OLD=$(realpath "$1")
NEW=$(realpath "$2")
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -eq 3 ]]; then
    KEEP_WORK=1
    mkdir -p "$3" || exit 2
    WORK=$(realpath "$3")
else
    KEEP_WORK=0
    WORK=$(mktemp -d /tmp/compare-outputs.XXXXXX) || exit 2
fi
SRC=$WORK/src   # the inputs, shared by both binaries
RUN=$WORK/run   # where every case runs, for both binaries in turn

export SOURCE_DATE_EPOCH=1700000000
SYNTH_ROWS=${SYNTH_ROWS:-100000}
CASES=${CASES:-}
TIMEOUT=${VOTERROLL_TIMEOUT:-900}
XLSX_BY_PARTS=${XLSX_BY_PARTS:-0}
DAY=2026-12-01
LISTS=(deprived incapacitated suspended deceased moved_out moved_in proxies)
# The cases that check the synth data made by prepare_inputs (names as run_case gets them below).
SYNTH_DATA_CASES=()
for suffix in check-no-lists check check-formats check-previous check-previous-formats xlsx-check-formats \
    xlsx-check-previous; do
    SYNTH_DATA_CASES+=("synth-${SYNTH_ROWS}-$suffix")
done

# ---------------------------------------------------------------------------------------------
# Running: `vr ARGS…` runs the binary of the side being run ($BIN) from $SRC and records its
# arguments, exit status, stdout and stderr under $RUN/_cmd/NN.*; it never fails the case.

vr() {
    STEP=$((STEP + 1))
    local n
    n=$(printf '%02d' "$STEP")
    printf '%s\n' "$*" >"$RUN/_cmd/$n.args"
    timeout "$TIMEOUT" "$BIN" "$@" >"$RUN/_cmd/$n.stdout" 2>"$RUN/_cmd/$n.stderr" </dev/null
    printf '%s\n' "$?" >"$RUN/_cmd/$n.status"
    return 0
}

# `list_options DIR EXT`: --deprived DIR/deprived.EXT … for every list file present in DIR.
list_options() {
    local role
    for role in "${LISTS[@]}"; do
        [[ -e $1/$role.$2 ]] && printf -- '--%s\n%s\n' "${role//_/-}" "$1/$role.$2"
    done
}

# ---------------------------------------------------------------------------------------------
# Comparing two case folders. Prints the case's line and the details; returns 1 if they differ.

is_excluded() {
    case ${1##*/} in
        *.sqlite | *.sqlite-* | .voterroll.lock | .voterroll-manifest.json | *.stderr) return 0 ;;
    esac
    return 1
}

# Lists `path<TAB>type<TAB>mode` of every entry under a folder, stores and logs left out.
listing() {
    (cd "$1" && find . -mindepth 1 -printf '%P\t%y\t%m\n') | LC_ALL=C sort | while IFS=$'\t' read -r path type mode; do
        is_excluded "$path" || printf '%s\t%s\t%s\n' "$path" "$type" "$mode"
    done
}

show_text_diff() {
    diff -u --label "old/$3" --label "new/$3" "$1" "$2" | head -n 20 | cut -c 1-300 | sed 's/^/        /'
}

# Unzips two .xlsx files and compares their parts; prints what differs. Returns 0 if every part
# is the same.
compare_xlsx_parts() {
    local a=$1 b=$2 name=$3 scratch part differing=0
    scratch=$(mktemp -d "$WORK/xlsx.XXXXXX")
    mkdir -p "$scratch/old" "$scratch/new"
    unzip -qq -o "$a" -d "$scratch/old" 2>/dev/null || echo "        (old $name does not unzip)"
    unzip -qq -o "$b" -d "$scratch/new" 2>/dev/null || echo "        (new $name does not unzip)"
    while IFS= read -r part; do
        if [[ ! -f $scratch/old/$part ]]; then
            echo "      part only in new: $part"; differing=1
        elif [[ ! -f $scratch/new/$part ]]; then
            echo "      part only in old: $part"; differing=1
        elif ! cmp -s "$scratch/old/$part" "$scratch/new/$part"; then
            echo "      part differs: $part"; differing=1
            # One XML element per line, so that the diff shows the cells.
            sed 's/></>\n</g' "$scratch/old/$part" >"$scratch/a.xml"
            sed 's/></>\n</g' "$scratch/new/$part" >"$scratch/b.xml"
            show_text_diff "$scratch/a.xml" "$scratch/b.xml" "$name/$part"
        fi
    done < <( (cd "$scratch/old" && find . -type f -printf '%P\n'; cd "$scratch/new" && find . -type f -printf '%P\n') | LC_ALL=C sort -u)
    if [[ $differing -eq 0 ]]; then
        echo "      every part is the same: only the ZIP container differs"
        unzip -Z -v "$a" >"$scratch/a.zipinfo" 2>&1
        unzip -Z -v "$b" >"$scratch/b.zipinfo" 2>&1
        show_text_diff "$scratch/a.zipinfo" "$scratch/b.zipinfo" "$name (zipinfo)"
    fi
    rm -rf "$scratch"
    return $differing
}

compare_case() {
    local name=$1 a=$WORK/old/$1 b=$WORK/new/$1
    local -A left=() right=()
    local path type mode
    while IFS=$'\t' read -r path type mode; do left[$path]="$type $mode"; done < <(listing "$a")
    while IFS=$'\t' read -r path type mode; do right[$path]="$type $mode"; done < <(listing "$b")
    local -a differing=()
    local details=""
    local paths
    paths=$(printf '%s\n' "${!left[@]}" "${!right[@]}" | LC_ALL=C sort -u | sed '/^$/d')
    while IFS= read -r path; do
        [[ -n $path ]] || continue
        if [[ -z ${right[$path]:-} ]]; then
            differing+=("$path (only in old)"); continue
        elif [[ -z ${left[$path]:-} ]]; then
            differing+=("$path (only in new)"); continue
        fi
        if [[ ${left[$path]} != "${right[$path]}" ]]; then
            differing+=("$path (type/mode ${left[$path]} vs ${right[$path]})")
        fi
        [[ ${left[$path]%% *} == f ]] || continue
        cmp -s "$a/$path" "$b/$path" && continue
        if [[ $path == *.xlsx ]]; then
            local parts
            if parts=$(compare_xlsx_parts "$a/$path" "$b/$path" "$path") && [[ $XLSX_BY_PARTS == 1 ]]; then
                continue
            fi
            differing+=("$path")
            details+="    $path:"$'\n'"$parts"$'\n'
        elif [[ $path == _cmd/*.status ]]; then
            differing+=("exit status of command $(basename "$path" .status) ($(<"$a/${path%.status}.args")): $(<"$a/$path") vs $(<"$b/$path")")
        elif LC_ALL=C grep -qI . "$a/$path" 2>/dev/null || [[ ! -s $a/$path ]]; then
            differing+=("$path")
            details+="    $path:"$'\n'"$(show_text_diff "$a/$path" "$b/$path" "$path")"$'\n'
        else
            differing+=("$path")
            details+="    $path: binary files differ ($(stat -c %s "$a/$path") vs $(stat -c %s "$b/$path") bytes)"$'\n'
        fi
    done <<<"$paths"

    # The exit statuses of the case's commands (old side), or their counts when there are many.
    local statuses
    if [[ $(cat "$a"/_cmd/*.status 2>/dev/null | wc -l) -le 8 ]]; then
        statuses=$(cat "$a"/_cmd/*.status 2>/dev/null | tr '\n' ' ')
    else
        statuses=$(cat "$a"/_cmd/*.status | sort -n | uniq -c | awk '{printf "%s×%s ", $2, $1}')
    fi
    local timing="old ${CASE_SECONDS[old]}s, new ${CASE_SECONDS[new]}s"
    if [[ ${#differing[@]} -eq 0 ]]; then
        printf '%-40s same   [exit %s] (%s)\n' "$name" "${statuses% }" "$timing"
        return 0
    fi
    local joined
    joined=$(printf '%s, ' "${differing[@]}")
    printf '%-40s DIFFERS: %s [exit %s] (%s)\n' "$name" "${joined%, }" "${statuses% }" "$timing"
    [[ -n $details ]] && printf '%s' "$details"
    return 1
}

# ---------------------------------------------------------------------------------------------
# `run_case NAME FUNCTION`: runs FUNCTION with each binary, then compares.

declare -A CASE_SECONDS=()
FAILED=0
CASE_COUNT=0

run_case() {
    local name=$1 function=$2 side start tenths
    if [[ -n $CASES ]] && ! grep -qE -- "$CASES" <<<"$name"; then return 0; fi
    CASE_COUNT=$((CASE_COUNT + 1))
    for side in old new; do
        rm -rf "$RUN"
        mkdir -p "$RUN/_cmd" "$WORK/$side"
        start=$(date +%s%N)
        if [[ $side == old ]]; then BIN=$OLD; else BIN=$NEW; fi
        (cd "$SRC" && STEP=0 && "$function")
        tenths=$((($(date +%s%N) - start) / 100000000))
        CASE_SECONDS[$side]=$((tenths / 10)).$((tenths % 10))
        rm -rf "${WORK:?}/$side/$name"
        mv "$RUN" "$WORK/$side/$name"
    done
    compare_case "$name" || FAILED=1
}

# ---------------------------------------------------------------------------------------------
# Inputs: a copy of fixtures/ and pipelines/, a pipeline variant, a key, two townships' registers,
# and the synth data (made by OLD; the synth cases below compare synth itself).

prepare_inputs() {
    rm -rf "$SRC" && mkdir -p "$SRC"
    cp -a "$REPO/fixtures" "$REPO/pipelines" "$SRC/"
    sed 's/^\(  formats: \)\[csv\]$/\1[csv, xlsx]/' "$SRC/pipelines/demo.yaml" >"$SRC/pipelines/demo-xlsx.yaml"
    if ! grep -q '^  formats: \[csv, xlsx\]$' "$SRC/pipelines/demo-xlsx.yaml"; then
        echo "$0: pipelines/demo.yaml no longer has 'formats: [csv]'; cannot make the csv+xlsx variant" >&2
        exit 2
    fi
    mkdir -p "$SRC/extra"
    printf 'c2hhcmVkLWNvdW50eS1rZXktZm9yLXRlc3Rz\n' >"$SRC/extra/hash.key"
    # Two townships of one county (the people of CountyStoreTests); 刘洋 and 陈静 are in both.
    local header='序号,选区,选民小组,姓名,性别,民族,出生日期,公民身份号码,住址,备注'
    printf '%s\n' "$header" \
        '1,第一选区,第一组,王秀英,女,汉族,1975-11-20,370102197511200228,城关镇街1号,' \
        '2,第一选区,第一组,李娜,女,汉族,1992-06-15,370102199206150462,城关镇街2号,' \
        '3,第一选区,第一组,刘洋,男,汉族,1988-10-08,370102198810080531,城关镇街3号,' \
        '4,第一选区,第一组,陈静,女,汉族,1999-02-28,37010219990228064X,城关镇街4号,' >"$SRC/extra/township-a.csv"
    printf '%s\n' "$header" \
        '1,第一选区,第一组,刘洋,男,汉族,1988-10-08,370102198810080531,河口乡街1号,' \
        '2,第一选区,第一组,陈静,女,汉族,1999-02-28,37010219990228064X,河口乡街2号,' \
        '3,第一选区,第一组,赵敏,女,汉族,1970-09-19,370103197009190825,河口乡街3号,' \
        '4,第一选区,第一组,黄海,男,汉族,1958-07-12,370103195807120937,河口乡街4号,' >"$SRC/extra/township-b.csv"

    # The synth data, unless CASES leaves out every case that reads it.
    if [[ -n $CASES ]] && ! printf '%s\n' "${SYNTH_DATA_CASES[@]}" | grep -qE -- "$CASES"; then
        return 0
    fi
    local format
    for format in csv xlsx; do
        echo "preparing: synth --rows $SYNTH_ROWS --seed 7 --format $format (with OLD)"
        "$OLD" synth --rows "$SYNTH_ROWS" --seed 7 --format "$format" --out "$SRC/synth-$format" --quiet ||
            { echo "$0: OLD synth failed" >&2; exit 2; }
    done
    # The previous roll for the synth register: OLD's clean roll of the register checked with no
    # list, then every 100th person dropped (→ added), every 97th moved to another constituency,
    # every 89th renamed. Checked with the lists, the people they exclude are removed.
    echo "preparing: the synth previous roll (with OLD)"
    local scratch=$WORK/prep-previous
    rm -rf "$scratch"
    "$OLD" check "$SRC/synth-csv/roll.csv" --election-day "$DAY" --out "$scratch" --no-store --quiet --fail-on never ||
        { echo "$0: OLD check for the synth previous roll failed" >&2; exit 2; }
    python3 - "$scratch/roll.csv" "$SRC/synth-csv/previous.csv" <<'PY' || exit 2
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
header, people = rows[0], rows[1:]
col = {name: i for i, name in enumerate(header)}
constituencies = sorted({p[col["constituency"]] for p in people})
out = [header]
for n, p in enumerate(people, 1):
    if n % 100 == 0:
        continue
    p = list(p)
    if n % 97 == 0 and len(constituencies) > 1:
        i = constituencies.index(p[col["constituency"]])
        p[col["constituency"]] = constituencies[(i + 1) % len(constituencies)]
    if n % 89 == 0:
        name = p[col["name"]]
        p[col["name"]] = name[:-1] + ("华" if not name.endswith("华") else "明")
    out.append(p)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows(out)
print(f"preparing: previous roll of {len(out) - 1} people (from {len(people)})")
PY
    rm -rf "$scratch"
}

# ---------------------------------------------------------------------------------------------
# The cases. Each runs from $SRC; outputs go under $RUN.

# The demo pipeline.
case_demo() { vr run pipelines/demo.yaml --out "$RUN/out"; }
case_demo_xlsx() { vr run pipelines/demo-xlsx.yaml --out "$RUN/out"; }
case_demo_twice() {
    vr run pipelines/demo.yaml --out "$RUN/out" --quiet
    vr run pipelines/demo.yaml --out "$RUN/out"
}
case_demo_en_masked() { vr run pipelines/demo.yaml --out "$RUN/out" --lang en --mask-ids --fail-on warning; }

# fixtures/check with every list: `check_all FORMAT [ARGS…]`.
check_all() {
    local format=$1 folder=fixtures/check
    shift
    [[ $format == csv ]] || folder=fixtures/check/$format
    local -a lists
    mapfile -t lists < <(list_options "$folder" "$format")
    vr check "$folder/roll.$format" --election-day "$DAY" --out "$RUN/out" "${lists[@]}" "$@"
}
case_check_csv() { check_all csv; }
case_check_xlsx() { check_all xlsx; }
case_check_xml() { check_all xml; }
case_check_csv_formats() { check_all csv --no-store --formats csv,xlsx; }
case_check_xlsx_formats() { check_all xlsx --formats csv,xlsx; }
case_check_xml_formats() { check_all xml --formats csv,xlsx --output-encoding gb18030; }
case_check_lang_en() { check_all csv --no-store --lang en; }
case_check_gb18030() { check_all csv --no-store --output-encoding gb18030; }
case_check_mask_ids() { check_all csv --mask-ids --formats csv,xlsx; }
case_check_pinyin() { check_all csv --no-store --published-order pinyin --formats csv,xlsx; }
case_check_fail_on_warning() { check_all csv --fail-on warning; }
case_check_leap_mar1() {
    local -a lists
    mapfile -t lists < <(list_options fixtures/check csv)
    vr check fixtures/check/roll.csv fixtures/ingest/register.csv --election-day 2026-02-28 --leap-day mar1 \
        --out "$RUN/out" "${lists[@]}"
}
case_check_roll_only_never() {
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/out" --fail-on never --quiet
}
case_check_since_last_run() {
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/out" --quiet
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/out" --deceased fixtures/check/deceased.csv
}

# fixtures/changes: --previous.
case_changes() { check_all csv --no-store --previous fixtures/changes/previous.csv --previous-election-day 2021-12-01; }
case_changes_default_day() { check_all csv --no-store --previous fixtures/changes/previous.csv; }
case_changes_same_day() { check_all csv --previous fixtures/changes/previous.csv --previous-election-day "$DAY"; }
case_changes_formats() { check_all csv --previous fixtures/changes/previous.csv --formats csv,xlsx --lang en; }
case_changes_gb18030() { check_all xlsx --previous fixtures/changes/previous.csv --output-encoding gb18030; }
case_changes_own_roll() {
    # Last run's own roll (csv and xlsx) as the previous roll: no changes.
    check_all csv --no-store --formats csv,xlsx
    mv "$RUN/out" "$RUN/first"
    check_all csv --no-store --previous "$RUN/first/roll.csv"
    mv "$RUN/out" "$RUN/from-csv"
    check_all csv --no-store --previous "$RUN/first/roll.xlsx"
}
case_changes_stale_removed() {
    check_all csv --no-store --previous fixtures/changes/previous.csv
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/out" --no-store --quiet
}

# Hashed lists (hash-list, then check --hashed-key-file).
case_hashed_lists() {
    local role
    mkdir -p "$RUN/hashed"
    for role in deprived incapacitated suspended deceased moved_out; do
        vr hash-list "fixtures/check/$role.csv" --key-file extra/hash.key --out "$RUN/hashed/$role.csv"
    done
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/out" --hashed-key-file extra/hash.key --no-store \
        --deprived "$RUN/hashed/deprived.csv" --incapacitated "$RUN/hashed/incapacitated.csv" \
        --suspended "$RUN/hashed/suspended.csv" --deceased "$RUN/hashed/deceased.csv" \
        --moved-out "$RUN/hashed/moved_out.csv" --moved-in fixtures/check/moved_in.csv --proxies fixtures/check/proxies.csv
}

# Two townships sharing one SQLite store: the earlier registration stays.
case_county_sqlite() {
    local store=$RUN/county.sqlite
    vr check extra/township-a.csv --election-day "$DAY" --out "$RUN/out-a" --store "$store" --township 城关镇
    vr check extra/township-b.csv --election-day "$DAY" --out "$RUN/out-b" --store "$store" --township 河口乡
    vr check extra/township-a.csv --election-day "$DAY" --out "$RUN/out-a2" --store "$store" --township 城关镇
}

# The error exits (status and stdout compared; the outputs must stay as they were).
case_errors() {
    vr check fixtures/check/no-such-roll.csv --election-day "$DAY" --out "$RUN/missing"
    vr check fixtures/check/roll.csv --election-day 2026-13-01 --out "$RUN/bad-day"
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/bad" --fail-on sometimes
    check_all csv --no-store
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/out" --previous fixtures/changes/no-such-roll.csv
    vr check fixtures/check/roll.csv --election-day "$DAY" --out "$RUN/out" --deceased extra/hash.key --no-store
    vr run pipelines/no-such.yaml
}

# fixtures/ingest: the registers, each on its own.
ingest_check() { vr check "$1" --election-day "$DAY" --out "$RUN/out" "${@:2}"; }

# `inspect` of every fixture, as text and JSON.
case_inspect() {
    local file
    while IFS= read -r file; do
        vr inspect "$file"
        vr inspect --json "$file"
    done < <(find fixtures -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' -o -name '*.xlsx' -o -name '*.xml' \) | LC_ALL=C sort)
    vr inspect fixtures/ingest/csv/utf8.csv --encoding gbk
    vr inspect fixtures/demo/roll.csv --encoding utf-8
}

# The synth register.
case_synth_csv() { vr synth --rows "$SYNTH_ROWS" --seed 7 --out "$RUN/data"; }
case_synth_xlsx() { vr synth --rows "$SYNTH_ROWS" --seed 7 --format xlsx --out "$RUN/data"; }
case_synth_small_variants() {
    vr synth --rows 3000 --seed 11 --encoding utf-8 --defect-rate 0.2 --out "$RUN/utf8"
    vr synth --rows 3000 --seed 16 --format xml --defect-rate 0.2 --election-day 2026-02-28 --out "$RUN/xml"
}
synth_check() {
    local format=$1
    shift
    local -a lists
    mapfile -t lists < <(list_options "synth-$format" "$format")
    vr check "synth-$format/roll.$format" --election-day "$DAY" --out "$RUN/out" "${lists[@]}" "$@"
}
case_synth_nolists() { vr check synth-csv/roll.csv --election-day "$DAY" --out "$RUN/out" --no-store --fail-on never; }
case_synth_check() { synth_check csv; }
case_synth_check_formats() { synth_check csv --formats csv,xlsx --no-store; }
case_synth_previous() { synth_check csv --previous synth-csv/previous.csv --previous-election-day 2021-12-01; }
case_synth_previous_formats() {
    synth_check csv --previous synth-csv/previous.csv --previous-election-day 2021-12-01 --formats csv,xlsx --no-store
}
case_synth_xlsx_check() { synth_check xlsx --formats csv,xlsx; }
case_synth_xlsx_previous() { synth_check xlsx --previous synth-csv/previous.csv --formats csv,xlsx --no-store; }

# ---------------------------------------------------------------------------------------------

echo "old: $OLD"
echo "new: $NEW"
echo "work: $WORK (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH, synth rows $SYNTH_ROWS)"
rm -rf "$WORK/old" "$WORK/new"
prepare_inputs

run_case demo case_demo
run_case demo-formats-csv-xlsx case_demo_xlsx
run_case demo-twice case_demo_twice
run_case demo-en-mask-ids case_demo_en_masked

run_case check-csv case_check_csv
run_case check-xlsx case_check_xlsx
run_case check-xml case_check_xml
run_case check-csv-no-store-formats case_check_csv_formats
run_case check-xlsx-formats case_check_xlsx_formats
run_case check-xml-formats-gb18030 case_check_xml_formats
run_case check-lang-en case_check_lang_en
run_case check-output-gb18030 case_check_gb18030
run_case check-mask-ids case_check_mask_ids
run_case check-pinyin case_check_pinyin
run_case check-fail-on-warning case_check_fail_on_warning
run_case check-leap-mar1 case_check_leap_mar1
run_case check-roll-only-never case_check_roll_only_never
run_case check-since-last-run case_check_since_last_run
run_case changes case_changes
run_case changes-default-day case_changes_default_day
run_case changes-same-day case_changes_same_day
run_case changes-formats-en case_changes_formats
run_case changes-xlsx-gb18030 case_changes_gb18030
run_case changes-own-roll case_changes_own_roll
run_case changes-stale-removed case_changes_stale_removed
run_case hashed-lists case_hashed_lists
run_case county-sqlite case_county_sqlite
run_case errors case_errors

for register in fixtures/ingest/register.csv fixtures/ingest/register-text.xlsx fixtures/ingest/register-text.xml \
    fixtures/ingest/register-numeric-ids.xlsx fixtures/ingest/register-numeric-ids.xml; do
    eval "case_ingest_one() { ingest_check '$register' --formats csv,xlsx; }"
    run_case "ingest-${register##*/}" case_ingest_one
done
while IFS= read -r register; do
    eval "case_ingest_one() { ingest_check '$register' --no-store; }"
    run_case "ingest-csv-${register##*/}" case_ingest_one
done < <(cd "$REPO" && find fixtures/ingest/csv -type f ! -name '*.py' | LC_ALL=C sort)
case_ingest_encoding() { ingest_check fixtures/ingest/csv/utf8.csv --no-store --encoding gbk; }
run_case ingest-encoding-override case_ingest_encoding
run_case inspect case_inspect

run_case "synth-${SYNTH_ROWS}-csv" case_synth_csv
run_case "synth-${SYNTH_ROWS}-xlsx" case_synth_xlsx
run_case synth-3000-utf8-xml case_synth_small_variants
run_case "synth-${SYNTH_ROWS}-check-no-lists" case_synth_nolists
run_case "synth-${SYNTH_ROWS}-check" case_synth_check
run_case "synth-${SYNTH_ROWS}-check-formats" case_synth_check_formats
run_case "synth-${SYNTH_ROWS}-check-previous" case_synth_previous
run_case "synth-${SYNTH_ROWS}-check-previous-formats" case_synth_previous_formats
run_case "synth-${SYNTH_ROWS}-xlsx-check-formats" case_synth_xlsx_check
run_case "synth-${SYNTH_ROWS}-xlsx-check-previous" case_synth_xlsx_previous

echo
if [[ $CASE_COUNT -eq 0 ]]; then
    echo "no case matches CASES='$CASES'" >&2
    exit 2
fi
if [[ $FAILED -ne 0 ]]; then
    echo "DIFFERENT: at least one of $CASE_COUNT cases differs; the outputs are in $WORK/old and $WORK/new"
    exit 1
fi
echo "SAME: all $CASE_COUNT cases give identical outputs"
if [[ $KEEP_WORK -eq 0 ]]; then rm -rf "$WORK"; else echo "outputs kept in $WORK"; fi
exit 0
