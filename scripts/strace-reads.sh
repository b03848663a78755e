#!/usr/bin/env bash
# Does a run read back what it wrote? Runs `voterroll check` on fixtures/check with every list
# under `strace -f -e trace=openat` and reports every open *for reading* (O_RDONLY) of roll.csv,
# rejected.csv or findings.jsonl in the output folder, under their final or temporary names
# (roll.csv.tmp-PID…).
#
#   scripts/strace-reads.sh VOTERROLL [EXTRA CHECK ARGUMENTS…]
#
# e.g. scripts/strace-reads.sh .build/release/voterroll --formats csv,xlsx
#      scripts/strace-reads.sh .build/release/voterroll --previous fixtures/changes/previous.csv
#
# Exits 0 when nothing is read back, 1 when something is, 2 when it cannot run (no strace, the
# check failed with a status other than 0 or 1). Opens of those files read-write (O_RDWR) or
# with O_RDONLY|O_DIRECTORY (Foundation's "is it a folder?" probe, which reads nothing), and
# opens for reading of other files in the output folder (spill files, …), are listed as notes
# and do not change the status. STRACE_LOG=FILE keeps the whole trace.
#
# Paths are resolved before matching: absolute ones as they are, relative ones against the
# working directory (the repository root) or the directory of the descriptor they are opened
# at (strace -y prints it), so an openat(dirfd, "roll.csv") is caught too.
set -uo pipefail

[[ $# -ge 1 ]] || { echo "usage: $0 VOTERROLL [EXTRA CHECK ARGUMENTS…]" >&2; exit 2; }
[[ -x $1 && -f $1 ]] || { echo "$0: $1 is not an executable file" >&2; exit 2; }
VOTERROLL=$(realpath "$1")
shift
if ! command -v strace >/dev/null; then
    echo "$0: strace is not installed (apt-get update && apt-get install -y strace)" >&2
    exit 2
fi
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRATCH=$(mktemp -d /tmp/strace-reads.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
OUT=$SCRATCH/out
TRACE=$SCRATCH/trace

arguments=(check fixtures/check/roll.csv --election-day 2026-12-01 --out "$OUT")
for role in deprived incapacitated suspended deceased moved_out moved_in proxies; do
    arguments+=("--${role//_/-}" "fixtures/check/$role.csv")
done
arguments+=("$@")

cd "$REPO" || exit 2
echo "voterroll: $VOTERROLL"
echo "run:       voterroll ${arguments[*]}"
SOURCE_DATE_EPOCH=1700000000 strace -f -qq -y -e trace=openat -o "$TRACE" "$VOTERROLL" "${arguments[@]}" \
    >"$SCRATCH/stdout" 2>"$SCRATCH/stderr" </dev/null
status=$?
[[ -n ${STRACE_LOG:-} ]] && cp "$TRACE" "$STRACE_LOG"
if [[ $status -ne 0 && $status -ne 1 ]]; then
    echo "$0: the check exited $status (expected 0 or 1):" >&2
    cat "$SCRATCH/stderr" >&2
    exit 2
fi
if ! grep -q 'openat(' "$TRACE"; then
    echo "$0: the trace holds no openat call; strace did not work" >&2
    exit 2
fi
echo "check exit status: $status; $(grep -c 'openat(' "$TRACE") openat calls traced"

# Each openat line → "KIND<TAB>resolved path<TAB>flags<TAB>pid<TAB>line", for files in $OUT.
# KIND: read (a watched file opened O_RDONLY, whether or not the open succeeded), probe (a
# watched file opened O_RDONLY|O_DIRECTORY: Foundation asking whether it is a folder, which
# reads nothing), rdwr (a watched file opened O_RDWR), other (another file in the output
# folder opened O_RDONLY).
awk -v cwd="$REPO" -v out="$OUT" '
    function basename(p) { sub(/.*\//, "", p); return p }
    /openat\(/ {
        line = $0
        pid = ($1 ~ /^[0-9]+$/) ? $1 : "?"
        rest = substr(line, index(line, "openat(") + 7)
        # The directory descriptor: AT_FDCWD, or N</path> with -y.
        comma = index(rest, ", \"")
        if (comma == 0) next
        dirfd = substr(rest, 1, comma - 1)
        rest = substr(rest, comma + 3)
        # The path, up to the closing quote (paths with escaped quotes are not expected here).
        close_quote = index(rest, "\"")
        path = substr(rest, 1, close_quote - 1)
        flags = substr(rest, close_quote + 1)
        sub(/^, */, "", flags)
        sub(/[ ,)].*/, "", flags)
        if (path !~ /^\//) {
            if (dirfd == "AT_FDCWD") base = cwd
            else if (match(dirfd, /<.*>/)) base = substr(dirfd, RSTART + 1, RLENGTH - 2)
            else base = "?"
            path = base "/" path
        }
        if (index(path, out "/") != 1) next
        name = basename(path)
        watched = (name ~ /^(roll\.csv|rejected\.csv|findings\.jsonl)(\.tmp-[0-9]+)?$/)
        access = (flags ~ /O_RDWR/) ? "rdwr" : (flags ~ /O_WRONLY/) ? "write" : (flags ~ /O_RDONLY/) ? "read" : "?"
        if (watched && access == "read" && flags ~ /O_DIRECTORY/) kind = "probe"
        else if (watched && access == "read") kind = "read"
        else if (watched && access == "rdwr") kind = "rdwr"
        else if (!watched && access == "read" && flags !~ /O_DIRECTORY/) kind = "other"
        else next
        printf "%s\t%s\t%s\t%s\t%s\n", kind, path, flags, pid, line
    }
' "$TRACE" >"$SCRATCH/matches"

relative() { sed "s|$OUT/|<out>/|g"; }
reads=$(grep -c '^read' "$SCRATCH/matches")
if [[ $reads -gt 0 ]]; then
    echo "READ BACK: $reads open(s) for reading of outputs the run wrote:"
    grep '^read' "$SCRATCH/matches" | cut -f 2,3 | sort | uniq -c | relative | sed 's/^/  /'
    echo "the calls:"
    grep '^read' "$SCRATCH/matches" | cut -f 5 | relative | sed 's/^/  /'
fi
if grep -q '^probe' "$SCRATCH/matches"; then
    echo "note: opened O_RDONLY|O_DIRECTORY, a folder check that reads nothing (not counted):"
    grep '^probe' "$SCRATCH/matches" | cut -f 2,3 | sort | uniq -c | relative | sed 's/^/  /'
fi
if grep -q '^rdwr' "$SCRATCH/matches"; then
    echo "note: opened read-write (not counted):"
    grep '^rdwr' "$SCRATCH/matches" | cut -f 2,3 | sort | uniq -c | relative | sed 's/^/  /'
fi
if grep -q '^other' "$SCRATCH/matches"; then
    echo "note: other files of the output folder opened for reading (not counted):"
    grep '^other' "$SCRATCH/matches" | cut -f 2,3 | sort | uniq -c | relative | sed 's/^/  /'
fi
if [[ $reads -gt 0 ]]; then
    echo "FAIL: the run reads back roll.csv/rejected.csv/findings.jsonl"
    exit 1
fi
echo "OK: no output among roll.csv, rejected.csv, findings.jsonl is opened for reading"
exit 0
