#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/corpus/TARGET/) from the fixtures.

Run from anywhere: python3 fuzz/make-corpus.py. The corpora are committed; run this again
after fixtures change. Input formats are those of fuzz/Sources/FuzzHarness/FuzzHarness.swift:
csv, id and date inputs start with a selector byte; xlsx inputs are either a ZIP file or
parts separated by "\\n=====\\n" (worksheet, shared strings, styles, workbook).
"""
import csv
import glob
import hashlib
import io
import os
import shutil
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
SEPARATOR = b"\n=====\n"


def fixtures(*patterns):
    found = []
    for pattern in patterns:
        found += glob.glob(os.path.join(FIXTURES, pattern), recursive=True)
    return sorted(set(found))


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def short(path):
    return os.path.relpath(path, FIXTURES).replace("/", "_")


def decode(data):
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def columns(headers):
    """Every value under the given headers in the CSV fixtures (any encoding)."""
    values = []
    for path in fixtures("**/*.csv", "**/*.txt", "**/*.tsv"):
        text = decode(open(path, "rb").read())
        counts = {delimiter: text.count(delimiter) for delimiter in ",\t;"}
        delimiter = max(counts, key=counts.get)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error:
            continue  # the damaged fixtures
        for index, row in enumerate(rows[:20]):
            wanted = [column for column, cell in enumerate(row) if cell.strip() in headers]
            if wanted:
                for line in rows[index + 1:]:
                    values += [line[column] for column in wanted if column < len(line)]
                break
    return values


def sample(values, count=40):
    """At most `count` of the distinct values, spread over them: the fixtures repeat forms."""
    values = sorted(set(values))
    step = max(1, len(values) // count)
    return values[::step][:count]


def ole_stream(data, names=("Workbook", "Book")):
    """The first of `names` among the streams of an OLE2 compound file (small files only: the
    FAT is read from the header's 109 entries)."""
    import struct
    size = 1 << struct.unpack_from("<H", data, 30)[0]
    cutoff, minifat_start = struct.unpack_from("<II", data, 56)
    fat_count, dir_start = struct.unpack_from("<II", data, 44)
    fat = []
    for sector in struct.unpack_from("<109I", data, 76)[:fat_count]:
        fat += struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)

    def read(start):
        out = b""
        while start < 0xFFFFFFFA:
            out += data[(start + 1) * size:(start + 2) * size]
            start = fat[start]
        return out

    directory = read(dir_start)
    entries = []
    for offset in range(0, len(directory), 128):
        raw = directory[offset:offset + 128]
        length = struct.unpack_from("<H", raw, 64)[0]
        name = raw[:max(length - 2, 0)].decode("utf-16le", "replace")
        kind, = struct.unpack_from("<B", raw, 66)
        start, stream_size = struct.unpack_from("<II", raw, 116)
        entries.append((name, kind, start, stream_size))
    ministream = read(entries[0][2])
    minifat = read(minifat_start) if minifat_start < 0xFFFFFFFA else b""
    minifat = struct.unpack(f"<{len(minifat) // 4}I", minifat)
    for wanted in names:
        for name, kind, start, stream_size in entries:
            if kind != 2 or name != wanted:
                continue
            if stream_size >= cutoff:
                return read(start)[:stream_size]
            out = b""
            while start < 0xFFFFFFFA and len(out) < stream_size:
                out += ministream[start * 64:(start + 1) * 64]
                start = minifat[start]
            return out[:stream_size]
    return None


def xls_corpus():
    """xls: the files as LibreOffice wrote them, and their Workbook streams for the harness to put
    into a compound file of its own (so that mutations reach the BIFF records)."""
    shutil.rmtree(os.path.join(CORPUS, "xls"), ignore_errors=True)
    for path in fixtures("**/*.xls"):
        data = open(path, "rb").read()
        write("xls", short(path), data)
        stream = ole_stream(data)
        if stream:
            write("xls", short(path) + "-stream", stream)


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)

    # csv: every ingest fixture in every encoding setting, chunk size and limit; the other
    # registers and lists as detected.
    for path in fixtures("ingest/csv/*.csv", "ingest/csv/*.txt", "ingest/csv/*.tsv", "ingest/*.csv"):
        data = open(path, "rb").read()
        for selector in (0, 1, 2, 3, 4, 5, 20, 40):
            write("csv", f"{short(path)}-s{selector}", bytes([selector]) + data)
    for path in fixtures("check/*.csv", "demo/*.csv", "changes/*.csv"):
        write("csv", short(path), b"\x00" + open(path, "rb").read())

    # spreadsheetml: the files as they are.
    for path in fixtures("**/*.xml"):
        write("spreadsheetml", short(path), open(path, "rb").read())

    # xlsx: the files (deflated, as LibreOffice wrote them, and stored, so that mutations reach
    # the XML), and their parts for the harness to pack.
    for path in fixtures("**/*.xlsx"):
        data = open(path, "rb").read()
        write("xlsx", short(path), data)
        archive = zipfile.ZipFile(path)
        names = archive.namelist()
        stored = io.BytesIO()
        with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
            for name in names:
                out.writestr(name, archive.read(name))
        write("xlsx", short(path) + "-stored", stored.getvalue())
        sheet = sorted(name for name in names if name.startswith("xl/worksheets/"))[0]
        parts = [archive.read(sheet)]
        for name in ("xl/sharedStrings.xml", "xl/styles.xml"):
            parts.append(archive.read(name) if name in names else b"")
        write("xlsx", short(path) + "-parts", SEPARATOR.join(parts))

    xls_corpus()

    # id, date, name: the values of the fixtures, plus the forms the parsers document.
    ids = sample(columns({"公民身份号码", "身份证号", "身份证号码", "证件号码", "身份证", "id_number"}))
    ids += ["11010119900307133X", "11010119900307133x", "110101 19900307 133X", "110101-19900307-133X",
            "１１０１０１１９９００３０７１３３Ｘ", "'110101199003071233", "110101900307123",
            "1.10101199003071E+17", "3.71102E+17", "110101199003071000", ""]
    for index, value in enumerate(ids):
        for selector in (0, 1, 2):
            write("id", f"id{index:03d}-s{selector}", bytes([selector]) + value.encode())
    dates = sample(columns({"出生日期", "出生年月日", "出生年月", "开始日期", "结束日期", "日期", "确认日期", "死亡日期"}))
    dates += ["1990-03-07", "1990/3/7", "1990.03.07", "19900307", "1990年3月7日", "1990年3月7号", "1990年3月7",
              "1990-03-07T00:00:00", "1990-03-07T00:00:00.000Z", "1990/3/7 0:00", "1990-3", "1990/3", "1990.03",
              "199003", "1990年3月", "１９９０－０３－０７", "１９９００３０７", " 1990-03-07 ", "32939", "32939.5",
              "1990.10", "2000-02-29", "1900-02-29"]
    for index, value in enumerate(dates):
        for selector in (0, 1, 3):
            write("date", f"date{index:03d}-s{selector}", bytes([selector]) + value.encode())
    names = sample(columns({"姓名", "名字", "name", "委托人姓名", "受托人姓名"}))
    names += ["张 三", "张\u3000三", "买买提.艾力", "买买提•艾力", "买买提・艾力", "乾隆", "於梨华", "𠮷野家",
              "Ａｌｉｃｅ　Ｗａｎｇ", "尉迟恭", "万俟卨", "王\u200b五", "e\u0301", "張學友", "  ", "单雄信", "X"]
    for index, value in enumerate(names):
        write("name", f"name{index:03d}", value.encode())

    for target in sorted(os.listdir(CORPUS)):
        print(target, len(os.listdir(os.path.join(CORPUS, target))), "seeds")


if __name__ == "__main__":
    main()
