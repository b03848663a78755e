#!/usr/bin/env bash
# Renders every page a person prints from the demo township (the published lists, the
# supplementary list, the letters to voters away, the notices to home offices, the voter cards
# and certificates, report.html)
# to PNG with Debian's headless Chromium, so a person can look at them without printing.
# The tests do not need Chromium; this script does (apt-get install chromium).
#
# Usage: scripts/render-documents.sh [OUT]   (default out/documents; PNGs in OUT/png)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/documents}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "render-documents: chromium is not installed (apt-get install chromium)" >&2
    exit 2
fi
status=0
# The demo asks for voter cards, which need the run store (it keeps their numbers).
swift run voterroll run pipelines/demo.yaml --out "$out" --store "$out/voterroll.sqlite" --quiet || status=$?
if [ "$status" -gt 1 ]; then
    echo "render-documents: the demo run failed (exit $status)" >&2
    exit "$status"
fi
mkdir -p "$out/png"
find "$out/published" "$out/letters" "$out/notices" "$out/cards" "$out/certificates" "$out/report.html" -name '*.html' 2>/dev/null | sort | while read -r page; do
    name="$(echo "${page#"$out"/}" | tr '/' '_')"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1400 \
        --screenshot="$out/png/${name%.html}.png" "file://$(realpath "$page")" >/dev/null 2>&1
    echo "$out/png/${name%.html}.png"
done
