#!/usr/bin/env bash
# Runs VoterRoll and the tools a data engineer would pick instead on the same synth data, one
# after the other, and prints wall time, CPU time, peak RSS and the ratios (issue 18, item 2).
#
#   benchmarks/peers/run.sh [ROWS]        ROWS register rows (default 1000000)
#
# Environment: REPEAT=N runs every tool N times (round by round, so that a burst of load on a
# shared machine does not fall on one tool only; the table shows the median wall time and the
# CPU and RSS of that run); VOTERROLL=path measures another binary (no build then);
# ELECTION_DAY (default 2026-12-01); KEEP=1 keeps the data and outputs.
#
# Measured: iconv's decode of the register (the yardstick across machines); the polars and
# pandas scripts of this folder; `voterroll check --no-store` with every list; `voterroll
# check` with the store on (a fresh store each run, as a first run has it); `voterroll run` on a
# pipeline naming every list (store on, fresh). Each under /usr/bin/time -f '%e %U %S %M'.
set -euo pipefail

rows="${1:-1000000}"
repeat="${REPEAT:-1}"
election_day="${ELECTION_DAY:-2026-12-01}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
voterroll="${VOTERROLL:-$repo/.build/release/voterroll}"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (/usr/bin/time)" >&2
    apt-get install -y -q time >/dev/null
fi
if [ -z "${VOTERROLL:-}" ]; then
    # Build when the binary is missing or older than a source file.
    if [ ! -x "$voterroll" ] || [ -n "$(find "$repo/Sources" "$repo/Package.swift" -newer "$voterroll" -print -quit)" ]; then
        echo "building voterroll (release)" >&2
        (cd "$repo" && swift build -c release --product voterroll) >&2
    fi
fi
if [ ! -x "$here/.venv/bin/python" ]; then
    "$here/setup.sh" >&2
fi
python="$here/.venv/bin/python"

# The commit measured, taken before the runs: others may commit while they go on.
commit="$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- Sources Package.swift || echo ' with uncommitted changes in Sources')"
work="$(mktemp -d "${TMPDIR:-/tmp}/voterroll-peers.XXXXXX")"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
# A copy of the binary: the checkout is shared, and another build must not swap it mid-run.
cp "$voterroll" "$work/voterroll"
built="$(date -u -r "$voterroll" '+%Y-%m-%d %H:%M UTC')"
voterroll="$work/voterroll"
data="$work/data"
out="$work/out"
mkdir -p "$out"

echo "generating $rows rows (seed 2026) in $data" >&2
"$voterroll" synth --rows "$rows" --seed 2026 --out "$data" --election-day "$election_day" --header-style standard --quiet

lists=(deprived incapacitated suspended deceased moved_out moved_in proxies appeals)
list_flags=()
for list in "${lists[@]}"; do list_flags+=("--${list//_/-}" "$data/$list.csv"); done
# The calendar synth dates its appeals by: posted 20 days before election day, judged 11 before.
posting_day="$(date -u -d "$election_day -20 days" +%F)"
as_of="$(date -u -d "$election_day -11 days" +%F)"
list_flags+=(--posting-day "$posting_day" --as-of "$as_of")
{
    echo "version: 1"
    echo "name: peers benchmark, $rows rows"
    echo "election_day: $election_day"
    echo "posting_day: $posting_day"
    echo "as_of: $as_of"
    echo "roll:"
    echo "  - roll.csv"
    echo "lists:"
    for list in "${lists[@]}"; do echo "  $list: $list.csv"; done
    echo "outputs:"
    echo "  dir: $out/run"
    echo "  formats: [csv]"
} >"$data/pipeline.yaml"

# Each tool's command; its outputs go to $out/<tool>, removed before each run.
tools=(iconv polars pandas check-no-store check run)
cmd_iconv=(iconv -c -f GB18030 -t UTF-8 "$data/roll.csv")
cmd_polars=("$python" "$here/core_checks_polars.py" "$data" --out "$out/polars" --election-day "$election_day")
cmd_pandas=("$python" "$here/core_checks_pandas.py" "$data" --out "$out/pandas" --election-day "$election_day")
cmd_check_no_store=("$voterroll" check "$data/roll.csv" --election-day "$election_day" --out "$out/check-no-store" --no-store --quiet "${list_flags[@]}")
cmd_check=("$voterroll" check "$data/roll.csv" --election-day "$election_day" --out "$out/check" --quiet "${list_flags[@]}")
cmd_run=("$voterroll" run "$data/pipeline.yaml" --out "$out/run" --quiet)

results="$work/results.tsv"
: >"$results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$repeat"); do
    for tool in "${tools[@]}"; do
        rm -rf "${out:?}/$tool"
        declare -n command="cmd_${tool//-/_}"
        status=0
        if [ "$tool" = iconv ]; then
            /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${command[@]}" >/dev/null 2>"$work/$tool.err" || status=$?
        else
            /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${command[@]}" >"$work/$tool.out" 2>"$work/$tool.err" || status=$?
        fi
        # iconv -c exits 1 when it skipped bytes; voterroll 1 when error findings were reported.
        if [ "$status" -gt 1 ]; then
            echo "$tool failed (exit $status):" >&2
            cat "$work/$tool.err" >&2
            exit 1
        fi
        echo "$tool $round $(tail -1 "$work/time")" >>"$results"
        echo "  round $round $tool: $(tail -1 "$work/time")" >&2
        unset -n command
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "## peers benchmark: $rows register rows, seed 2026, election day $election_day, $repeat run(s) each"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $commit (binary built $built); nproc: $(nproc);$(lscpu | sed -n 's/^Model name:\s*/ /p')"
echo "load average (1, 5, 15 min): before $load_before, after $load_after"
"$python" - "$here" "$data" <<'PY'
# What the data is like: the figures issue 18 asks the benchmark data to have.
import sys
from pathlib import Path
import polars as pl
sys.path.insert(0, sys.argv[1])
import core_checks_polars as peer
data = Path(sys.argv[2])
roll = peer.read_table(data / "roll.csv")
names = roll["name"].n_unique()
lists = {name: peer.read_table(data / f"{name}.csv").height
         for name in ("deprived", "incapacitated", "suspended", "deceased", "moved_out", "moved_in")}
expected = pl.read_ndjson(data / "expected.jsonl").filter(pl.col("file") == "roll.csv")
with_findings = expected.filter(pl.col("codes").list.len() > 0).height / max(expected.height, 1)
size = (data / "roll.csv").stat().st_size / 1e6
print(f"register: {size:.1f} MB GB18030, {roll.height} rows, {names} distinct full names ({names / roll.height:.1%}), "
      f"{with_findings:.1%} of rows with findings; lists: "
      + ", ".join(f"{name} {rows} ({rows / roll.height:.2%})" for name, rows in lists.items())
      + f"; polars {pl.__version__}, pandas {__import__('pandas').__version__}")
PY
echo
"$python" - "$results" "$work" "$out" <<'PY'
import json, statistics, sys
from pathlib import Path
results, work, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
runs = {}
for line in open(results):
    tool, _, wall, user, system, rss = line.split()
    runs.setdefault(tool, []).append((float(wall), float(user), float(system), int(rss)))
labels = {
    "iconv": "`iconv -c -f GB18030 -t UTF-8` (register)", "polars": "polars script (core checks)",
    "pandas": "pandas script (core checks)", "check-no-store": "`voterroll check --no-store`",
    "check": "`voterroll check` (store on)", "run": "`voterroll run` pipeline (store on)",
}
def median_run(samples):
    ordered = sorted(samples)
    return ordered[(len(ordered) - 1) // 2]
chosen = {tool: median_run(samples) for tool, samples in runs.items()}
iconv_wall, polars_wall = chosen["iconv"][0], chosen["polars"][0]
print("| tool | wall s | (all runs) | user s | system s | CPU/wall | peak RSS MB | × iconv | × polars |")
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for tool, samples in runs.items():
    wall, user, system, rss = chosen[tool]
    every = " / ".join(f"{sample[0]:.2f}" for sample in samples)
    cpu = f"{(user + system) / wall:.2f}" if wall > 0 else "—"
    ratio = lambda base, digits: f"{wall / base:.{digits}f}" if base > 0 else "—"
    print(f"| {labels[tool]} | {wall:.2f} | {every} | {user:.2f} | {system:.2f} | {cpu} | {rss / 1024:.0f} | "
          f"{ratio(iconv_wall, 1)} | {ratio(polars_wall, 2)} |")
print()
# The counts, to compare the peers with VoterRoll (the peers do fewer checks: see their docstrings).
def counts(summary):
    found = {key: summary.get(key) for key in ("kept", "excluded", "added", "not_added", "registered")}
    found["probable"] = summary.get("probable_duplicates", summary.get("by_code", {}).get("dup.probable"))
    return found
rows = []
for tool in ("polars", "pandas"):
    text = (work / f"{tool}.out").read_text().strip().splitlines()
    if text:
        rows.append((tool, counts(json.loads(text[-1]))))
summary_path = out / "check-no-store" / "summary.json"
if summary_path.exists():
    rows.append(("voterroll", counts(json.loads(summary_path.read_text()))))
print("| counts | kept | excluded | added (moved_in) | not added | registered | dup.probable |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for tool, c in rows:
    print(f"| {tool} | {c['kept']} | {c['excluded']} | {c['added']} | {c['not_added']} | {c['registered']} | {c['probable']} |")
PY
