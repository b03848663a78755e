#!/usr/bin/env bash
# Checks the annotated workbooks (annotated/<input>.xlsx) of the demo township the way a clerk
# meets them, outside the tests (it needs LibreOffice and a Python venv):
#
#   1. runs the demo pipeline with outputs.formats [csv, annotated] into OUT (default
#      out/annotated-check);
#   2. opens every workbook in LibreOffice headless and converts it to PDF: a workbook
#      LibreOffice must repair fails the conversion;
#   3. loads every workbook with openpyxl (installed from PyPI into OUT/.venv) and checks that
#      every filled cell has a comment, every comment's cell is filled, and 问题清单 links to
#      them;
#   4. saves the CSV register's workbook again with LibreOffice, as a clerk would, and runs the
#      demo on it as the register: the same findings must come back on the same cells;
#   5. renders the first pages of the register's workbooks to PNG (pdftoppm) in OUT/screens,
#      for a person to look at.
#
# Needs: soffice (apt-get install -y libreoffice-calc-nogui), pdftoppm (poppler-utils),
# python3 with venv. Usage: bash scripts/check-annotated.sh [OUT]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out/annotated-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

for tool in soffice pdftoppm python3; do
  command -v "$tool" >/dev/null || { echo "check-annotated: $tool is missing (see the comment at the top)" >&2; exit 2; }
done

cd "$root"
swift build --product voterroll >/dev/null
voterroll="$(swift build --show-bin-path)/voterroll"

# The demo pipeline, with absolute paths and the annotated format.
sed -e "s#\.\./fixtures/#$root/fixtures/#g" -e "s#dir: \.\./out/demo#dir: $out/run#" \
  -e "s#formats: \[.*\]#formats: [csv, annotated]#" pipelines/demo.yaml >"$out/demo.yaml"
grep -q 'formats: \[csv, annotated\]' "$out/demo.yaml"
status=0
"$voterroll" run "$out/demo.yaml" --no-store --quiet || status=$?
# The demo holds errors on purpose: exit status 1 is expected.
[ "$status" -le 1 ] || { echo "check-annotated: the run failed ($status)" >&2; exit 1; }
books=("$out"/run/annotated/*.xlsx)
echo "annotated workbooks: ${#books[@]}"

# 2. LibreOffice: each workbook converts to PDF.
rm -rf "$out/pdf" "$out/screens" && mkdir -p "$out/pdf" "$out/screens"
profile="$out/.lo-profile"
for book in "${books[@]}"; do
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out/pdf" "$book" >"$out/pdf/soffice.log" 2>&1
  pdf="$out/pdf/$(basename "${book%.xlsx}").pdf"
  [ -s "$pdf" ] || { echo "check-annotated: LibreOffice could not convert $book:" >&2; cat "$out/pdf/soffice.log" >&2; exit 1; }
  echo "LibreOffice: $(basename "$book") → $(basename "$pdf") ($(stat -c %s "$pdf") bytes)"
done

# 3. openpyxl.
if [ ! -x "$out/.venv/bin/python" ]; then
  python3 -m venv "$out/.venv"
  "$out/.venv/bin/pip" install --quiet 'openpyxl==3.1.5'
fi
"$out/.venv/bin/python" - "${books[@]}" <<'PY'
import sys
import openpyxl

failed = False
for path in sys.argv[1:]:
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    assert names[0] == "问题清单", (path, names)
    listed = book[names[0]]
    rows = listed.max_row - 1
    links = [cell.hyperlink.location for row in listed.iter_rows(min_row=2, max_col=2, min_col=2) for cell in row if cell.hyperlink]
    assert len(links) == rows, (path, rows, len(links))
    marked = commented = 0
    sample = None
    for name in names[1:]:
        sheet = book[name]
        for row in sheet.iter_rows():
            for cell in row:
                filled = cell.fill is not None and cell.fill.fill_type == "solid"
                if filled != (cell.comment is not None):
                    print(f"{path}: {name}!{cell.coordinate} filled={filled} comment={cell.comment is not None}")
                    failed = True
                marked += filled
                commented += cell.comment is not None
                if cell.comment is not None and sample is None:
                    sample = f"{name}!{cell.coordinate} ({cell.value!r}): " + cell.comment.text.replace("\n", " / ")
    # Each link names a marked cell.
    for location in links:
        sheet_name, ref = location.rsplit("!", 1)
        sheet_name = sheet_name.strip("'").replace("''", "'")
        cell = book[sheet_name][ref]
        if cell.comment is None:
            print(f"{path}: the link to {location} points at a cell without a comment")
            failed = True
    print(f"openpyxl: {path.rsplit('/', 1)[-1]}: sheets {names}, {rows} findings listed, {marked} cells marked, {commented} comments")
    if sample:
        print(f"  the first comment: {sample}")
sys.exit(1 if failed else 0)
PY

# 4. Saved again by LibreOffice (as a clerk saves after fixing a cell), the CSV register's
#    workbook is read as the register: the same findings on the same cells.
rm -rf "$out/saved" && mkdir -p "$out/saved"
soffice -env:UserInstallation="file://$profile" --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out/saved" \
  "$out/run/annotated/roll.xlsx" >"$out/saved/soffice.log" 2>&1
[ -s "$out/saved/roll.xlsx" ] || { echo "check-annotated: LibreOffice could not save roll.xlsx" >&2; exit 1; }
sed -e "s#- path: $root/fixtures/demo/roll.csv#- path: $out/saved/roll.xlsx#" -e '/encoding: gb18030/d' \
  -e "s#dir: $out/run#dir: $out/rerun#" "$out/demo.yaml" >"$out/rerun.yaml"
status=0
"$voterroll" run "$out/rerun.yaml" --no-store --quiet || status=$?
[ "$status" -le 1 ] || { echo "check-annotated: the run on the saved workbook failed ($status)" >&2; exit 1; }
python3 - "$out/run/findings.jsonl" "$out/rerun/findings.jsonl" <<'PY'
import json, sys

def cells(path, name):
    found = []
    for line in open(path, encoding="utf-8"):
        finding = json.loads(line)
        if finding["file"].rsplit("/", 1)[-1] != name:
            continue
        cell = finding["cell"]
        if finding.get("sheet"):
            where = cell.split("!", 1)[1]
        else:
            parts = cell.split(":")
            where = (parts[2] if len(parts) == 3 else "A") + parts[1]
        found.append((finding["code"], where))
    return sorted(found)

before, after = cells(sys.argv[1], "roll.csv"), cells(sys.argv[2], "roll.xlsx")
if before != after:
    print("check-annotated: the saved workbook's findings differ:", set(before) ^ set(after))
    sys.exit(1)
print(f"saved by LibreOffice and read again: the same {len(after)} findings on the same cells")
PY

# 5. Screens of the register's workbooks (the first two pages of each).
for name in roll roll-2; do
  pdftoppm -r 70 -f 1 -l 2 -png "$out/pdf/$name.pdf" "$out/screens/$name-page"
done
ls "$out/screens"
echo "check-annotated: ok ($out)"
