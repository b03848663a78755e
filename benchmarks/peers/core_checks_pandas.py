#!/usr/bin/env python3
"""The core checks of a voter register, in pandas: the second peer VoterRoll is measured
against (issue 18, item 2). The same checks, inputs, outputs and counts as
core_checks_polars.py (read its docstring for the list of checks and for what differs
from VoterRoll); written as a data engineer would write it in pandas: column operations,
numpy for the check digit, no Python loop over rows.

    core_checks_pandas.py SYNTH_DIR --out OUT [--election-day 2026-12-01]

The register is read with pandas' C parser (the pyarrow engine cannot keep blank lines,
read ragged rows or read without quoting); string columns are pandas 3's default string
dtype, backed by pyarrow.
"""
import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

FIELDS = {
    "选区": "constituency", "选民小组": "voter_group", "姓名": "name", "性别": "gender", "民族": "ethnicity",
    "出生日期": "birth_date_stated", "公民身份号码": "id_raw", "住址": "address", "备注": "remarks",
    "户籍地": "address", "开始日期": "start", "结束日期": "end", "是否开具选民资格证明": "certificate_issued",
    "选民资格证明编号": "certificate",
}
WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
CHECK_CHARACTERS = np.array(list("10X98765432"))
FULL_WIDTH = {chr(0xFF10 + d): str(d) for d in range(10)} | {"Ｘ": "X", "ｘ": "X"}
DOT_LOOK_ALIKES = r"[•・･‧∙⋅．·﹒]"
EXCLUDING_ORDER = [
    "input.malformed-row", "name.missing", "id.missing", "id.format", "id.excel-mangled", "id.checksum",
    "id.birthdate-invalid", "age.under-18", "rights.deprived", "rights.incapacitated", "rights.suspended",
    "status.deceased", "migrant.registered-elsewhere", "dup.same-id", "migrant.in-no-certificate",
]
SPARE_COLUMNS = 3  # room for ragged rows with extra cells


def encoding_of(sample: bytes) -> str:
    """A BOM's encoding, else UTF-8 if the first bytes decode, else GB18030."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        return "utf-8" if error.start >= len(sample) - 3 else "gb18030"


def read_table(path: Path) -> pd.DataFrame:
    """Every cell as text, canonical column names, `line` the 1-based line in the file; blank
    lines and repeated headers dropped."""
    with path.open("rb") as file:
        sample = file.read(1 << 16)
    encoding = encoding_of(sample)
    lines = sample.decode(encoding, "replace").split("\n")[:30]
    number, header = next(
        ((n, cells) for n, line in enumerate(lines) if "公民身份号码" in (cells := [c.strip() for c in line.rstrip("\r").split(",")])),
        (None, None),
    )
    if number is None:
        raise SystemExit(f"{path}: no header with 公民身份号码 in the first lines")
    names = [FIELDS.get(cell, cell or f"column_{index}") for index, cell in enumerate(header)]
    names += [f"extra_{index}" for index in range(SPARE_COLUMNS)]
    frame = pd.read_csv(
        path, encoding=encoding, encoding_errors="replace", header=None, skiprows=number + 1, names=names,
        quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False, skip_blank_lines=False, engine="c",
    )
    frame["line"] = np.arange(len(frame), dtype=np.int64) + number + 2
    text_columns = [name for name in names if name in frame.columns]
    blank = np.logical_and.reduce([frame[name].fillna("").eq("").to_numpy(bool) for name in text_columns])
    frame["malformed"] = np.logical_or.reduce([frame[name].str.contains('"', regex=False).fillna(False).to_numpy(bool) for name in text_columns])
    repeated_header = frame["id_raw"].fillna("").str.strip() == "公民身份号码"
    return frame[~blank & ~repeated_header].reset_index(drop=True)


def normalized_id(raw: pd.Series) -> pd.Series:
    """Spaces removed, full-width made ASCII, upper case; a 15-digit number still 15 digits."""
    text = raw.fillna("").str.replace(r"\s", "", regex=True)
    for wide, narrow in FULL_WIDTH.items():
        text = text.str.replace(wide, narrow, regex=False)
    return text.str.upper()


def check_characters(body17: pd.Series, usable: pd.Series) -> np.ndarray:
    """ISO 7064 MOD 11-2 check character of each 17-digit body ('' where not usable)."""
    bodies = body17.where(usable, "0" * 17)
    digits = np.frombuffer(bodies.str.cat().encode("ascii"), dtype=np.uint8).reshape(-1, 17).astype(np.int64) - 48
    return np.where(usable.to_numpy(bool), CHECK_CHARACTERS[(digits @ WEIGHTS) % 11], "")


def add_id_columns(frame: pd.DataFrame, election_day: int) -> pd.DataFrame:
    """id18 (the 18-character ID, legacy numbers upgraded), birth, id_code (the ID's excluding
    code or NaN) and id_flag (id.legacy-15 / id.normalized)."""
    raw = frame["id_raw"].fillna("")
    norm = normalized_id(raw)
    legacy = norm.str.fullmatch(r"\d{15}").fillna(False)
    modern = norm.str.fullmatch(r"\d{17}[\dX]").fillna(False)
    body17 = norm.str.slice(0, 17).where(~legacy, norm.str.slice(0, 6) + "19" + norm.str.slice(6, 15))
    check = pd.Series(check_characters(body17, legacy | modern), index=frame.index)
    frame["id18"] = norm.where(~legacy, body17 + check)
    frame["body17"] = body17
    frame["ymd"] = pd.to_numeric(body17.str.slice(6, 14), errors="coerce")
    frame["birth"] = pd.to_datetime(body17.str.slice(6, 14), format="%Y%m%d", errors="coerce")
    check_ok = legacy | (norm.str.slice(17, 18) == check)
    id_code = pd.Series(np.nan, index=frame.index, dtype=object)
    birth_bad = frame["birth"].isna() | (frame["ymd"] > election_day)
    # Last assignment wins: the conditions from the least to the most basic.
    for code, condition in [
        ("id.birthdate-invalid", birth_bad),
        ("id.checksum", ~check_ok),
        ("id.excel-mangled", ~check_ok & norm.str.endswith("000")),
        ("id.format", ~(legacy | modern)),
        ("id.excel-mangled", norm.str.contains("E+", regex=False)),
        ("id.missing", norm == ""),
    ]:
        id_code = id_code.mask(condition.fillna(False).to_numpy(bool), code)
    frame["id_code"] = id_code
    frame["id_flag"] = np.where(legacy, "id.legacy-15", np.where(norm != raw, "id.normalized", ""))
    return frame


def under_18(ymd: pd.Series, election_day: int) -> pd.Series:
    """The 18th birthday after election day; 29 February counts as 28 February in a common year."""
    year, month_day = ymd // 10_000 + 18, ymd % 10_000
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_day = month_day.where(~((month_day == 229) & ~leap), 228)
    return year * 10_000 + month_day > election_day


def parse_day(text: pd.Series) -> pd.Series:
    """2026-07-28, 2026/7/28, 2026.07.28, 20260728 or 2026年7月28日; NaT otherwise."""
    parts = text.fillna("").str.strip().str.extract(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$")
    return pd.to_datetime(parts[0] + parts[1].str.zfill(2) + parts[2].str.zfill(2), format="%Y%m%d", errors="coerce")


def list_ids(frame: pd.DataFrame) -> set:
    return set(add_id_columns(frame, 99_991_231)["id18"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("synth_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--election-day", default="2026-12-01")
    arguments = parser.parse_args()
    started = time.perf_counter()
    folder: Path = arguments.synth_dir
    election_date = pd.Timestamp(arguments.election_day)
    election_day = int(arguments.election_day.replace("-", ""))

    # The lists: who each one takes off the roll.
    deprived = read_table(folder / "deprived.csv")
    start, end = parse_day(deprived["start"]), parse_day(deprived["end"])
    deprived = deprived[(start.isna() | (start <= election_date)) & (end.isna() | (end >= election_date))]
    moved_out = read_table(folder / "moved_out.csv")
    moved_out = moved_out[moved_out["certificate_issued"].fillna("").str.strip().isin(["是", "已开具"])]
    excluding_lists = {
        "rights.deprived": list_ids(deprived),
        "rights.incapacitated": list_ids(read_table(folder / "incapacitated.csv")),
        "rights.suspended": list_ids(read_table(folder / "suspended.csv")),
        "status.deceased": list_ids(read_table(folder / "deceased.csv")),
        "migrant.registered-elsewhere": list_ids(moved_out),
    }

    # The register, and the in-migrants with it: they are checked like register rows.
    register = add_id_columns(read_table(folder / "roll.csv"), election_day)
    register["file"], register["certificate"] = "roll.csv", "-"
    migrants = add_id_columns(read_table(folder / "moved_in.csv"), election_day)
    migrants["file"] = "moved_in.csv"
    # isin() on pandas' arrow strings makes a Python object of each value looked for: look for
    # the few in-migrants in the register, not the register's million IDs in the in-migrants.
    registered_ids = register["id18"][register["id_code"].isna() & register["id18"].isin(set(migrants["id18"]))]
    already_listed = migrants["id18"].isin(set(registered_ids)) & migrants["id_code"].isna()
    migrants = migrants[~already_listed]
    people = pd.concat([register, migrants], ignore_index=True)

    people["name_key"] = people["name"].fillna("").str.replace(r"\s", "", regex=True).str.replace(DOT_LOOK_ALIKES, "·", regex=True)
    valid = people["id_code"].isna()
    conditions = {
        "input.malformed-row": people["malformed"],
        "name.missing": people["name_key"] == "",
        "age.under-18": valid & under_18(people["ymd"], election_day),
        **{code: valid & people["id18"].isin(ids) for code, ids in excluding_lists.items()},
        "dup.same-id": valid & people["id18"].where(valid).duplicated(keep="first"),
        "migrant.in-no-certificate": people["certificate"].fillna("").str.strip() == "",
    }
    codes = pd.Series("", index=people.index, dtype="str")
    masks = {}
    for code in EXCLUDING_ORDER:
        condition = people["id_code"] == code if code.startswith("id.") else conditions[code]
        masks[code] = condition.fillna(False).to_numpy(bool)
        codes = codes.mask(masks[code], codes + code + ";")
    people["codes"] = codes.str.rstrip(";")
    candidates = valid & (people["name_key"] != "")
    distinct_ids = people[candidates].groupby(["name_key", "birth"])["id18"].transform("nunique")
    probable = pd.Series(False, index=people.index)
    probable[distinct_ids.index] = distinct_ids > 1
    people["flags"] = (np.where(probable, "dup.probable;", "") + people["id_flag"]).str.strip(";")
    people["source"] = people["file"] + ":" + people["line"].astype(str)

    kept = people[people["codes"] == ""]
    rejected = people[people["codes"] != ""]
    arguments.out.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({
        "constituency": kept["constituency"], "voter_group": kept["voter_group"], "name": kept["name_key"],
        "gender": np.where(pd.to_numeric(kept["body17"].str.slice(16, 17), errors="coerce") % 2 == 1, "男", "女"),
        "birth_date": kept["birth"].dt.strftime("%Y-%m-%d"), "id_number": kept["id18"], "ethnicity": kept["ethnicity"],
        "address": kept["address"], "source": kept["source"], "flags": kept["flags"],
    }).to_csv(arguments.out / "roll.csv", index=False)
    rejected[["constituency", "voter_group", "name", "gender", "birth_date_stated", "id_raw", "ethnicity", "address", "source", "codes"]].to_csv(
        arguments.out / "rejected.csv", index=False)

    is_register = people["file"] == "roll.csv"
    is_kept = people["codes"] == ""
    by_code = {code: int(mask.sum()) for code, mask in sorted(masks.items()) if mask.any()}
    counts = {
        "data_rows": int(is_register.sum()), "kept": int((is_register & is_kept).sum()),
        "excluded": int((is_register & ~is_kept).sum()), "added": int((~is_register & is_kept).sum()),
        "not_added": int((~is_register & ~is_kept).sum()), "probable_duplicates": int(probable.sum()),
    }
    summary = {"tool": f"pandas {pd.__version__}", **counts, "registered": counts["kept"] + counts["added"],
               "in_migrants_already_listed": int(already_listed.sum()),
               "by_code": by_code, "seconds": round(time.perf_counter() - started, 3)}
    (arguments.out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
