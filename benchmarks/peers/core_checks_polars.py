#!/usr/bin/env python3
"""The core checks of a voter register, in polars: the peer VoterRoll is measured against
(issue 18, item 2). Written as a data engineer would write it: whole-column expressions,
no Python loop over rows.

    core_checks_polars.py SYNTH_DIR --out OUT [--election-day 2026-12-01]

SYNTH_DIR holds what `voterroll synth --header-style standard` writes (CSV, GB18030 or UTF-8):
roll.csv and deprived, incapacitated, suspended, deceased, moved_out and moved_in .csv.
Writes OUT/roll.csv (the kept roll and the added in-migrants), OUT/rejected.csv (excluded
register rows and in-migrants not added, raw values and the codes why) and OUT/summary.json,
all UTF-8; prints the counts as one JSON line, named as in VoterRoll's summary.json.

What is checked (codes as in VoterRoll's catalogue, shared/findings.tsv):
  input.malformed-row    a cell with an unclosed quote (the file is read without quoting:
                         synth quotes nothing else, and one stray quote must not swallow
                         the rest of the file)
  name.missing           the name is empty once whitespace is removed
  id.missing, id.format  the ID after removing spaces, full-width digits made ASCII, x made
                         X, a 15-digit number upgraded (19 inserted, check digit computed)
  id.excel-mangled       scientific notation (3.70112E+17), or 18 digits ending in 000
                         whose check digit is wrong
  id.checksum            ISO 7064 MOD 11-2 check digit (GB 11643-1999)
  id.birthdate-invalid   the ID's YYYYMMDD is no date, or is after election day
  age.under-18           the 18th birthday (29 February → 28 February in a common year)
                         is after election day
  rights.deprived        on the deprived list, start ≤ election day ≤ end (终身: no end;
                         an unreadable date counts against the person, as VoterRoll does)
  rights.incapacitated, rights.suspended, status.deceased   on the list
  migrant.registered-elsewhere   on moved_out with a certificate issued (是, 已开具)
  dup.same-id            the same ID again later in the file (the first is kept)
  dup.probable           (kept, flagged) same name key and birth date, different IDs
  migrant.in-no-certificate      an in-migrant without certificate number is not added;
                         one already on the register is neither added nor excluded;
                         the others are checked like register rows.

Differences from VoterRoll (so the counts differ where VoterRoll does more):
  - A list entry whose name differs from the register's (list.name-mismatch) excludes
    here; VoterRoll keeps the row for a person to decide. This script has no
    traditional→simplified conversion to tell a variant spelling from another name.
  - Names: whitespace removed and middle-dot look-alikes unified only; no NFC, full-width
    Latin, traditional→simplified or pinyin key, so a few probable duplicates written in
    traditional characters are not found.
  - Not done: region-code table (id.region-unknown), stated birth date and gender against
    the ID, implausible ages, suspicious names, encoding findings (bytes that do not decode
    become U+FFFD silently), ragged rows (extra cells dropped silently), proxies, the
    published lists, the report, findings files and the run store.
  - Header mapping knows only the standard headers (synth --header-style standard).
"""
import argparse
import json
import sys
import time
from pathlib import Path

import polars as pl

REGISTER_COLUMNS = ["序号", "选区", "选民小组", "姓名", "性别", "民族", "出生日期", "公民身份号码", "住址", "备注"]
# Standard header → canonical field.
FIELDS = {
    "选区": "constituency", "选民小组": "voter_group", "姓名": "name", "性别": "gender", "民族": "ethnicity",
    "出生日期": "birth_date_stated", "公民身份号码": "id_raw", "住址": "address", "备注": "remarks",
    "户籍地": "address", "开始日期": "start", "结束日期": "end", "是否开具选民资格证明": "certificate_issued",
    "选民资格证明编号": "certificate",
}
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARACTERS = "10X98765432"
FULL_WIDTH = [chr(0xFF10 + d) for d in range(10)] + ["Ｘ", "ｘ"]
HALF_WIDTH = [str(d) for d in range(10)] + ["X", "X"]
# Middle-dot look-alikes → U+00B7, as the national standard writes minority names.
DOT_LOOK_ALIKES = r"[•・･‧∙⋅．·﹒]"


def read_text(path: Path) -> str:
    """The file decoded: a BOM's encoding, else UTF-8 if it decodes, else GB18030 (undecodable
    bytes become U+FFFD)."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def header_line(text: str, key: str = "公民身份号码") -> tuple[int, list[str]]:
    """The 0-based line of the header (titles may stand above it) and its cells."""
    for number, line in enumerate(text[:100_000].split("\n")[:30]):
        cells = [cell.strip() for cell in line.rstrip("\r").split(",")]
        if key in cells:
            return number, cells
    raise SystemExit(f"no header with {key} in the first lines")


def read_table(path: Path) -> pl.DataFrame:
    """Every cell as text, canonical column names, `line` the 1-based line in the file; blank
    lines and repeated headers dropped."""
    text = read_text(path)
    number, header = header_line(text)
    names = [FIELDS.get(cell, cell or f"column_{index}") for index, cell in enumerate(header)]
    frame = pl.read_csv(
        text.encode("utf-8"), has_header=False, skip_rows=number + 1, new_columns=names, quote_char=None,
        infer_schema=False, truncate_ragged_lines=True, missing_columns="insert",
    )
    frame = frame.with_columns(
        line=pl.int_range(pl.len(), dtype=pl.Int64) + number + 2,
        malformed=pl.any_horizontal(pl.all().str.contains('"', literal=True)).fill_null(False),
    )
    return frame.filter(
        ~pl.all_horizontal(pl.exclude("line", "malformed").is_null()) & (pl.col("id_raw").fill_null("").str.strip_chars() != "公民身份号码")
    )


def normalized_id(raw: pl.Expr) -> pl.Expr:
    """Spaces removed, full-width made ASCII, upper case; a 15-digit number still 15 digits."""
    return raw.fill_null("").str.replace_all(r"\s", "").str.replace_many(FULL_WIDTH, HALF_WIDTH).str.to_uppercase()


def check_character(body17: pl.Expr) -> pl.Expr:
    """ISO 7064 MOD 11-2 check character of 17 digits."""
    # One digit a slice: polars' integer division on the 17-digit number is three times slower.
    total = sum(body17.str.slice(i, 1).cast(pl.Int32, strict=False) * weight for i, weight in enumerate(WEIGHTS))
    return (total % 11).replace_strict(list(range(11)), list(CHECK_CHARACTERS), return_dtype=pl.String)


def with_id_columns(frame: pl.DataFrame, election_day: int) -> pl.DataFrame:
    """id18 (the 18-character ID, legacy numbers upgraded), birth, id_code (the ID's excluding
    code or null) and id_flag (id.legacy-15 / id.normalized)."""
    frame = frame.with_columns(id_norm=normalized_id(pl.col("id_raw")))
    legacy = pl.col("id_norm").str.contains(r"^\d{15}$")
    body17 = pl.when(legacy).then(pl.col("id_norm").str.slice(0, 6) + "19" + pl.col("id_norm").str.slice(6, 9)).otherwise(pl.col("id_norm").str.slice(0, 17))
    frame = frame.with_columns(legacy=legacy, body17=body17)
    frame = frame.with_columns(check=check_character(pl.col("body17")))
    frame = frame.with_columns(
        id18=pl.when(pl.col("legacy")).then(pl.col("body17") + pl.col("check")).otherwise(pl.col("id_norm")),
        ymd=pl.col("body17").str.slice(6, 8),
    )
    well_formed = pl.col("id_norm").str.contains(r"^\d{17}[\dX]$") | pl.col("legacy")
    check_ok = pl.col("legacy") | (pl.col("id_norm").str.slice(17, 1) == pl.col("check"))
    birth = pl.col("ymd").str.strptime(pl.Date, "%Y%m%d", strict=False)
    frame = frame.with_columns(birth=birth)
    id_code = (
        pl.when(pl.col("id_norm") == "").then(pl.lit("id.missing"))
        .when(pl.col("id_norm").str.contains(r"E\+")).then(pl.lit("id.excel-mangled"))
        .when(~well_formed).then(pl.lit("id.format"))
        .when(~check_ok & pl.col("id_norm").str.ends_with("000")).then(pl.lit("id.excel-mangled"))
        .when(~check_ok).then(pl.lit("id.checksum"))
        .when(pl.col("birth").is_null() | (pl.col("ymd").cast(pl.Int64, strict=False) > election_day)).then(pl.lit("id.birthdate-invalid"))
    )
    id_flag = (
        pl.when(pl.col("legacy")).then(pl.lit("id.legacy-15"))
        .when(pl.col("id_norm") != pl.col("id_raw").fill_null("")).then(pl.lit("id.normalized"))
    )
    return frame.with_columns(id_code=id_code, id_flag=id_flag)


def under_18(ymd: pl.Expr, election_day: int) -> pl.Expr:
    """The 18th birthday after election day; 29 February counts as 28 February in a common year."""
    number = ymd.cast(pl.Int64, strict=False)
    year, month_day = number // 10_000 + 18, number % 10_000
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_day = pl.when((month_day == 229) & ~leap).then(228).otherwise(month_day)
    return year * 10_000 + month_day > election_day


def parse_day(text: pl.Expr) -> pl.Expr:
    """2026-07-28, 2026/7/28, 2026.07.28, 20260728 or 2026年7月28日; null otherwise."""
    parts = text.fill_null("").str.strip_chars().str.extract_groups(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$")
    return pl.concat_str(
        [parts.struct.field("1"), parts.struct.field("2").str.zfill(2), parts.struct.field("3").str.zfill(2)]
    ).str.strptime(pl.Date, "%Y%m%d", strict=False)


def list_ids(frame: pl.DataFrame) -> pl.Series:
    """The normalised IDs of a list (legacy numbers upgraded)."""
    return with_id_columns(frame, 99_991_231)["id18"].unique()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("synth_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--election-day", default="2026-12-01")
    arguments = parser.parse_args()
    started = time.perf_counter()
    folder: Path = arguments.synth_dir
    election_date = pl.Series([arguments.election_day]).str.strptime(pl.Date, "%Y-%m-%d")[0]
    election_day = int(arguments.election_day.replace("-", ""))

    # The lists: who each one takes off the roll.
    deprived = read_table(folder / "deprived.csv").with_columns(start=parse_day(pl.col("start")), end=parse_day(pl.col("end")))
    deprived = deprived.filter(
        (pl.col("start").is_null() | (pl.col("start") <= election_date)) & (pl.col("end").is_null() | (pl.col("end") >= election_date))
    )
    moved_out = read_table(folder / "moved_out.csv").filter(pl.col("certificate_issued").fill_null("").str.strip_chars().is_in(["是", "已开具"]))
    excluding_lists = {
        "rights.deprived": list_ids(deprived),
        "rights.incapacitated": list_ids(read_table(folder / "incapacitated.csv")),
        "rights.suspended": list_ids(read_table(folder / "suspended.csv")),
        "status.deceased": list_ids(read_table(folder / "deceased.csv")),
        "migrant.registered-elsewhere": list_ids(moved_out),
    }

    # The register, and the in-migrants with it: they are checked like register rows.
    register = with_id_columns(read_table(folder / "roll.csv"), election_day).with_columns(file=pl.lit("roll.csv"), certificate=pl.lit("-"))
    migrants = with_id_columns(read_table(folder / "moved_in.csv"), election_day).with_columns(file=pl.lit("moved_in.csv"))
    registered_ids = register.filter(pl.col("id_code").is_null())["id18"].unique()
    already_listed = migrants["id18"].is_in(registered_ids.implode()) & migrants["id_code"].is_null()
    migrants = migrants.filter(~already_listed)
    people = pl.concat([register, migrants], how="diagonal_relaxed")

    name = pl.col("name").fill_null("").str.replace_all(r"\s", "").str.replace_all(DOT_LOOK_ALIKES, "·")
    valid = pl.col("id_code").is_null()
    codes = [
        pl.when(pl.col("malformed")).then(pl.lit("input.malformed-row")),
        pl.when(pl.col("name_key") == "").then(pl.lit("name.missing")),
        pl.col("id_code"),
        pl.when(valid & under_18(pl.col("ymd"), election_day)).then(pl.lit("age.under-18")),
    ]
    codes += [pl.when(valid & pl.col("id18").is_in(ids.implode())).then(pl.lit(code)) for code, ids in excluding_lists.items()]
    codes += [
        pl.when(valid & ~pl.when(valid).then(pl.col("id18")).is_first_distinct()).then(pl.lit("dup.same-id")),
        pl.when(pl.col("certificate").fill_null("").str.strip_chars() == "").then(pl.lit("migrant.in-no-certificate")),
    ]
    people = people.with_columns(name_key=name).with_columns(codes=pl.concat_str(codes, separator=";", ignore_nulls=True))
    # Among rows with a valid ID and a name: a row whose ID is broken is nobody's twin.
    candidate = valid & (pl.col("name_key") != "")
    probable = candidate & (pl.when(candidate).then(pl.col("id18")).drop_nulls().n_unique().over("name_key", "birth") > 1)
    people = people.with_columns(
        flags=pl.concat_str([pl.when(probable).then(pl.lit("dup.probable")), pl.col("id_flag")], separator=";", ignore_nulls=True),
        source=pl.col("file") + ":" + pl.col("line").cast(pl.String),
    )

    kept = people.filter(pl.col("codes") == "")
    rejected = people.filter(pl.col("codes") != "")
    arguments.out.mkdir(parents=True, exist_ok=True)
    kept.select(
        "constituency", "voter_group", name=pl.col("name_key"),
        gender=pl.when(pl.col("body17").str.slice(16, 1).cast(pl.Int64, strict=False) % 2 == 1).then(pl.lit("男")).otherwise(pl.lit("女")),
        birth_date=pl.col("birth").dt.to_string("%Y-%m-%d"), id_number="id18", ethnicity="ethnicity", address="address",
        source="source", flags=pl.when(pl.col("flags") != "").then(pl.col("flags")),
    ).write_csv(arguments.out / "roll.csv")
    rejected.select(
        "constituency", "voter_group", "name", "gender", "birth_date_stated", "id_raw", "ethnicity", "address", "source", "codes"
    ).write_csv(arguments.out / "rejected.csv")

    is_register = pl.col("file") == "roll.csv"
    by_code = (
        people.select(pl.col("codes").str.split(";").alias("code"), pl.lit(1).alias("n"))
        .explode("code").filter(pl.col("code") != "").group_by("code").len().sort("code")
    )
    counts = people.select(
        data_rows=is_register.sum(),
        kept=(is_register & (pl.col("codes") == "")).sum(),
        excluded=(is_register & (pl.col("codes") != "")).sum(),
        added=(~is_register & (pl.col("codes") == "")).sum(),
        not_added=(~is_register & (pl.col("codes") != "")).sum(),
        probable_duplicates=(pl.col("flags").str.contains("dup.probable", literal=True)).sum(),
    ).row(0, named=True)
    summary = {"tool": f"polars {pl.__version__}", **counts, "registered": counts["kept"] + counts["added"],
               "in_migrants_already_listed": int(already_listed.sum()),
               "by_code": dict(by_code.iter_rows()), "seconds": round(time.perf_counter() - started, 3)}
    (arguments.out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
