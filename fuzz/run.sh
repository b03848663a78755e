#!/usr/bin/env bash
# Builds (when needed) and runs one libFuzzer target over its seed corpus.
#
#   fuzz/run.sh TARGET SECONDS [libFuzzer options…]
#   fuzz/run.sh build            # builds every target, runs none
#
# TARGET is one of: csv spreadsheetml xlsx xls id date name (see fuzz/Sources/FuzzHarness).
# Seeds come from fuzz/corpus/TARGET (read only); what libFuzzer finds new goes to
# .build-fuzz/corpus/TARGET, and crashes, timeouts and leaks to .build-fuzz/artifacts/TARGET/.
# Copy a crash that has been fixed to fuzz/regressions/TARGET/ so that the tests replay it.
#
# One process, in-process (no -jobs/-fork, which would start more): the machine has two cores,
# shared. The statistics at the end (stat::number_of_executed_units) are the executions run.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$root/.build-fuzz"
targets="csv spreadsheetml xlsx xls id date name"

usage() { echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer options…] | fuzz/run.sh build   (TARGET: $targets)" >&2; exit 2; }

build_once() {
    # Every Swift module is instrumented, VoterRollKit included: coverage guides the fuzzer.
    swift build -c debug --package-path "$root/fuzz" --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xcc -fsanitize=address "$@"
}

build() {
    # SwiftPM keeps the root package's file list in its build manifest: after a source file of
    # the root package is deleted or renamed it fails with "missing inputs", and after one is
    # added it compiles without it ("cannot find 'NewType' in scope"). The manifest is then
    # made again (the compiled modules stay) and the build retried once.
    local log
    log="$(mktemp)"
    if build_once "$@" 2>&1 | tee "$log"; then rm -f "$log"; return 0; fi
    if grep -qE "because of missing inputs|error: cannot find (type )?'[^']+' in scope" "$log"; then
        rm -f "$log" "$scratch"/debug.yaml "$scratch"/build.db
        build_once "$@"
    else
        rm -f "$log"
        return 1
    fi
}

[ $# -ge 1 ] || usage
if [ "$1" = build ]; then
    # Product by product: building the whole package would also build the root package's
    # executables with the fuzzer runtime, which they cannot link.
    for target in $targets; do build --product "fuzz-$target"; done
    exit 0
fi
[ $# -ge 2 ] || usage
target="$1"; seconds="$2"; shift 2
case " $targets " in *" $target "*) ;; *) usage ;; esac
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

build --product "fuzz-$target"
binary="$(swift build -c debug --package-path "$root/fuzz" --scratch-path "$scratch" --show-bin-path)/fuzz-$target"

mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target"
seeds="$root/fuzz/corpus/$target"
options=(
    -max_total_time="$seconds"
    # An input taking longer than this is a hang; one using more memory than this, a leak or a bomb.
    -timeout=30 -rss_limit_mb=2048
    -max_len=65536
    -print_final_stats=1
    -artifact_prefix="$scratch/artifacts/$target/"
)
if [ "$target" = xlsx ]; then
    # No leak check after each input: an XLSX part is inflated on a thread, and Foundation
    # releases a finished thread's closure (holding the part's last chunk) as that thread
    # exits, after the input has returned; LeakSanitizer, run at that moment, sees the chunk as
    # lost. The check at exit still runs and finds nothing (8,000 runs of one workbook: 42 bytes,
    # the ZIPFoundation leak in lsan.supp).
    options+=(-detect_leaks=0)
fi
if [ -f "$root/fuzz/dictionaries/$target.dict" ]; then
    options+=(-dict="$root/fuzz/dictionaries/$target.dict")
fi
# Swift's own backtracer would get in the way of AddressSanitizer's reports.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp:print_suppressions=0"
exec "$binary" "${options[@]}" "$@" "$scratch/corpus/$target" "$seeds"
