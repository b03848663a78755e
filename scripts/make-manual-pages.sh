#!/usr/bin/env bash
# Writes voterroll's manual pages (voterroll.1, voterroll.run.1, …, UTF-8 mdoc) into DIR from
# a built binary's own help, with argument-parser's generate-manual (the tool its
# generate-manual plugin runs). Used by scripts/package-deb.sh.
#
#   bash scripts/make-manual-pages.sh BINARY DIR [DATE]
#
# Run on the binary already built rather than through the plugin: the plugin first builds
# every product again in release mode (the benchmarks too), ten minutes more on two cores.
# The tool is built from the package's own checkout into .build-tools/ (the checkout is left
# untouched).
#
# generate-manual keeps only ASCII characters (its escaping skips the rest), so the Chinese
# terms of the help (选民名单, 乡镇, 剥夺政治权利 …) would print as "()". It is therefore
# handed the help with each such character written @U+XXXX@, and the pages get the
# characters back: man-db reads UTF-8 pages.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:?usage: $0 BINARY DIR [DATE]}")
out=$(realpath -m "${2:?usage: $0 BINARY DIR [DATE]}")
date=${3:-$(git log -1 --format=%cs 2>/dev/null || date +%F)}

parser=.build/checkouts/swift-argument-parser
[ -f "$parser/Tools/generate-manual/GenerateManual.swift" ] || {
    echo "$0: $parser has no generate-manual (run swift build first)" >&2
    exit 1
}
swift build --package-path "$parser" --scratch-path .build-tools --product generate-manual >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/voterroll-man.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/voterroll" <<EOF
#!/bin/sh
"$binary" "\$@" | python3 -c 'import re, sys; sys.stdout.write(re.sub(r"[^\x00-\x7f]", lambda m: "@U+%X@" % ord(m.group()), sys.stdin.read()))'
EOF
chmod +x "$work/voterroll"
mkdir -p "$work/pages" "$out"
.build-tools/debug/generate-manual "$work/voterroll" --multi-page --output-directory "$work/pages" \
    --authors "VoterRoll maintainers" --date "$date" >&2
for page in "$work/pages"/*.1; do
    python3 -c 'import re, sys; sys.stdout.write(re.sub(r"@U\+([0-9A-F]+)@", lambda m: chr(int(m.group(1), 16)), open(sys.argv[1], encoding="utf-8").read()))' \
        "$page" > "$out/$(basename "$page")"
done
[ -s "$out/voterroll.1" ] || { echo "$0: no manual page was made" >&2; exit 1; }
if grep -l '@U+' "$out"/*.1; then echo "$0: a character was not given back" >&2; exit 1; fi
