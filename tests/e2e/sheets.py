"""Spreadsheets for the end-to-end tests: the "Flere i job" registrations of
issue 22 (Vejle, Horsens, Hedensted, about 300 rows) as data, written as CSV,
as an .xlsx the way a Danish Excel saves it (openpyxl: shared strings, a date
style, a blank row, an `I alt` row), and converted by LibreOffice itself.

    rows = flere_i_job_rows()
    write_csv(folder / "registreringer.csv", rows)
    write_danish_xlsx(folder / "registreringer.xlsx", rows, blank_row_after=40, total_row=True)
    soffice_convert(folder / "registreringer.xlsx", "ods", folder)  # -> registreringer.ods
    write_flere_i_job_project(folder, "registreringer.xlsx", sheet="Ark1")
"""
import csv
import datetime
import json
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HEADER = ["CPR", "Kommune", "Visiteret", "Udfald", "Udfaldsdato", "Ordinære timer", "Fleksjob", "Køn"]
MUNICIPALITIES = {"630": "Vejle", "615": "Horsens", "766": "Hedensted"}
PERIOD = (datetime.date(2024, 1, 1), datetime.date(2026, 12, 31))


def flere_i_job_rows(n=300, seed=22, names=False):
    """`n` registrations: [id, municipality (code, or with `names` its name),
    referral date, outcome ("Ordinære timer", "Fleksjob" or ""), outcome date
    or None, "x" or "" twice, gender]. Deterministic for a seed."""
    rnd = random.Random(seed)
    codes = list(MUNICIPALITIES)
    rows = []
    for i in range(n):
        code = codes[i % 3]
        referred = PERIOD[0] + datetime.timedelta(days=rnd.randrange(0, 600))
        outcome = rnd.choice(["Ordinære timer", "Fleksjob", "", "", ""])
        outcome_date = referred + datetime.timedelta(days=rnd.randrange(20, 200)) if outcome else None
        rows.append([f"FIJ-{i + 1:04d}", MUNICIPALITIES[code] if names else code, referred, outcome, outcome_date,
                     "x" if outcome == "Ordinære timer" else "", "x" if outcome == "Fleksjob" else "",
                     rnd.choice(["kvinde", "mand"])])
    return rows


def _csv_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def write_csv(path, rows, header=HEADER):
    """The rows as a Danish Excel's CSV: `;` between fields, UTF-8."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        for row in rows:
            w.writerow([_csv_value(v) for v in row])


def write_danish_xlsx(path, rows, header=HEADER, sheet="Ark1", blank_row_after=None, total_row=False,
                      date1904=False):
    """The rows as a Danish Excel saves them: sheet "Ark1", a bold header,
    texts as shared strings, dates as serial numbers styled dd-mm-yyyy,
    municipality codes as numbers; with `blank_row_after` an empty row after
    that many data rows, with `total_row` an `I alt` row at the bottom
    counting the ids and the yes-marks (as =COUNTA(...) with cached values)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if date1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, row in enumerate(rows):
        if blank_row_after is not None and i == blank_row_after:
            ws.append([])
        ws.append([int(v) if j == 1 and str(v).isdigit() else v for j, v in enumerate(row)])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "dd-mm-yyyy"
    if total_row:
        last = ws.max_row
        ws.append(["I alt", None, None, None, None, f"=COUNTA(F2:F{last})", f"=COUNTA(G2:G{last})", None])
    wb.save(path)
    return path


# LibreOffice's CSV import options for a Danish Excel's CSV: `;`, `"`, UTF-8 (76), from line 1.
DANISH_CSV = "CSV:59,34,76,1"


def soffice_convert(source, fmt, outdir, filter_options=None, infilter=None):
    """`source` converted by LibreOffice (headless, its own profile) to
    `fmt` ("xlsx" or "ods") in `outdir`; the new file's path. Slow (seconds):
    convert several files in one call where you can."""
    sources = source if isinstance(source, (list, tuple)) else [source]
    profile = tempfile.mkdtemp(prefix="maaltal-soffice-")
    try:
        target = fmt if not filter_options else f"{fmt}:{filter_options}"
        command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                   "--outdir", str(outdir)]
        if infilter:
            command.append(f"--infilter={infilter}")
        subprocess.run([*command, *map(str, sources)], check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    outs = [Path(outdir) / (Path(s).stem + "." + fmt) for s in sources]
    for out in outs:
        if not out.exists():
            raise RuntimeError(f"soffice wrote no {out}")
    return outs if isinstance(source, (list, tuple)) else outs[0]


def write_flere_i_job_project(folder, registrations_file, sheet=None, targets_file=None):
    """project.json for "Flere i job": referred, in ordinary hours, in flex
    job, by municipality code; `registrations_file` (CSV, .xlsx or .ods) with
    its `sheet`."""
    registrations = {"file": registrations_file, "columns": {
        "participant": "CPR", "municipality": "Kommune"}}
    if sheet:
        registrations["sheet"] = sheet
    project = {
        "id": "flere-i-job", "title": "Flere i job", "owner": "Projektsekretariatet", "funder": "STAR",
        "period": {"start": PERIOD[0].isoformat(), "end": PERIOD[1].isoformat()}, "as_of": "2025-12-31",
        "locale": "da", "municipalities": list(MUNICIPALITIES),
        "indicators": [
            {"id": "visiterede", "label": "Visiterede", "kind": "count", "date_field": "Visiteret"},
            {"id": "ordinaere", "label": "Ordinære timer", "kind": "count", "date_field": "Udfaldsdato",
             "where": {"Udfald": "Ordinære timer"}, "count": "first", "after": "visiterede"},
            {"id": "fleksjob", "label": "Fleksjob", "kind": "count", "date_field": "Udfaldsdato",
             "where": {"Fleksjob": True}, "count": "first", "after": "visiterede"},
        ],
        "breakdowns": [{"id": "koen", "label": "køn", "indicator": "visiterede", "field": "Køn",
                        "categories": ["kvinde", "mand"]}],
        "privacy": {"suppress_below": 5},
        "registrations": registrations,
    }
    if targets_file:
        project["targets"] = {"file": targets_file}
    (Path(folder) / "project.json").write_text(json.dumps(project, ensure_ascii=False, indent=1), encoding="utf-8")
    return project
