#!/usr/bin/env python3
"""Writes the sample project sample-data/rummeligt-arbejdsmarked/.

"Et mere rummeligt arbejdsmarked for borgere med handicap II" (STAR pool, 2018-2020,
11 municipalities). The published figures (targets original and adjusted, screened,
referred and employed per municipality, the screening funnel) are reproduced exactly;
everything else (ids, dates, the split of the funnel's middle stages and of the target
population per municipality, the durations) is invented, deterministically from a fixed
seed. Registrations are fictional: ids are not CPR numbers.

Run from the repository root: python3 tools/make_rummeligt_sample.py
"""
import datetime as dt
import json
import os
import random
import subprocess
import sys

OUT = os.path.join("sample-data", "rummeligt-arbejdsmarked")
START, END = dt.date(2018, 1, 1), dt.date(2020, 12, 31)
ADJUSTED_FROM = "2019-07-01"
LIST_DATE = dt.date(2018, 1, 31)  # the day each jobcentre drew its target population

# kommunekode, name: original (screened, referred, employed), adjusted (same), achieved (same)
TABLE = [
    ("607", "Fredericia", (350, 200, 75), (280, 89, 34), (504, 94, 55)),
    ("161", "Glostrup", (480, 68, 36), (210, 70, 12), (209, 67, 15)),
    ("510", "Haderslev", (125, 100, 75), (125, 70, 12), (107, 83, 17)),
    ("849", "Jammerbugt", (790, 150, 90), (613, 132, 79), (643, 98, 35)),
    ("621", "Kolding", (2695, 336, 124), (997, 67, 36), (2437, 65, 39)),
    ("173", "Lyngby-Taarbæk", (1500, 75, 45), (1210, 60, 30), (1161, 48, 18)),
    ("480", "Nordfyns", (1205, 120, 61), (610, 80, 32), (626, 75, 35)),
    ("730", "Randers", (1970, 198, 100), (1130, 130, 65), (1093, 109, 60)),
    ("336", "Stevns", (684, 63, 37), (435, 50, 29), (400, 37, 11)),
    ("580", "Aabenraa", (1650, 330, 288), (910, 156, 60), (994, 165, 98)),
    ("751", "Aarhus", (10300, 240, 144), (7050, 172, 144), (7054, 176, 89)),
]
# Our own split of the funnel's other stages (the evaluation gives only the totals):
# target population (80.506), accepting a referral talk (1.983), talks held (1.511).
POPULATION = {"607": 5230, "161": 2410, "510": 3120, "849": 3340, "621": 9850, "173": 3890,
              "480": 2760, "730": 9480, "336": 1720, "580": 6310, "751": 32396}
ACCEPTED = {"607": 184, "161": 131, "510": 104, "849": 192, "621": 127, "173": 93,
            "480": 146, "730": 213, "336": 72, "580": 322, "751": 399}
HELD = {"607": 140, "161": 100, "510": 95, "849": 146, "621": 97, "173": 71,
        "480": 111, "730": 162, "336": 55, "580": 245, "751": 289}
INDICATORS = ("screenede", "visiterede", "i_job")
REASONS = {
    "607": "Måltal tilpasset kommunens målgruppe efter midtvejsstatus, aftalt med STAR",
    "161": "Færre i målgruppen end antaget ved ansøgningen, aftalt med STAR",
    "510": "Visitation og job nedjusteret efter midtvejsstatus, aftalt med STAR",
}
HADERSLEV_BASIS = "Evalueringen af puljen måler Haderslevs visiterede og borgere i job mod de oprindelige måltal"
DEFAULT_REASON = "Måltal justeret efter midtvejsstatus 2019, aftalt med STAR"

rng = random.Random(170118)


def day(d):
    return d.isoformat()


def plus(d, lo, hi):
    return d + dt.timedelta(days=rng.randint(lo, hi))


def check_table():
    assert sum(POPULATION.values()) == 80506
    assert sum(r[4][0] for r in TABLE) == 15228
    assert sum(ACCEPTED.values()) == 1983
    assert sum(HELD.values()) == 1511
    assert sum(r[4][1] for r in TABLE) == 1017
    assert sum(r[4][2] for r in TABLE) == 472
    for code, _, _, _, (screened, referred, employed) in TABLE:
        assert POPULATION[code] >= screened >= ACCEPTED[code] >= HELD[code] >= referred >= employed, code


def registrations():
    rows = []
    n = 0
    last_referral = dt.date(2020, 10, 31)
    for code, _, _, _, (screened, referred, employed) in TABLE:
        for i in range(screened):
            n += 1
            screening = plus(dt.date(2018, 2, 1), 0, (dt.date(2020, 9, 30) - dt.date(2018, 2, 1)).days)
            row = {"deltager_id": f"RA-{n:05d}", "kommunekode": code,
                   "maalgruppe_fra": day(LIST_DATE), "screeningsdato": day(screening),
                   "samtale_accepteret": "", "samtale_afholdt": "", "visitationsdato": "",
                   "foerste_samtale_jobformidler": "", "hko_ansoegning": "", "hko_afgoerelse": "",
                   "udfald": "", "udfaldsdato": ""}
            if i < ACCEPTED[code]:
                accepted = plus(screening, 0, 10)
                row["samtale_accepteret"] = day(accepted)
            if i < HELD[code]:
                held = plus(accepted, 3, 21)
                row["samtale_afholdt"] = day(held)
            if i < referred:
                referral = min(plus(held, 0, 14), last_referral)
                row["visitationsdato"] = day(referral)
                # The first talk with the job broker: most within a week, some within two,
                # a few later, and some not held yet (open).
                r = rng.random()
                first = None
                if r < 0.62:
                    first = plus(referral, 1, 7)
                elif r < 0.86:
                    first = plus(referral, 8, 14)
                elif r < 0.94:
                    first = plus(referral, 15, 45)
                if first is not None and first <= END:
                    row["foerste_samtale_jobformidler"] = day(first)
                # An application for a compensation scheme (HKO) for some, decided days later.
                if rng.random() < 0.3:
                    applied = plus(referral, 5, 90)
                    if applied <= END:
                        row["hko_ansoegning"] = day(applied)
                        if rng.random() < 0.9:
                            decided = plus(applied, 1, 3) if rng.random() < 0.6 else plus(applied, 4, 15)
                            if decided <= END:
                                row["hko_afgoerelse"] = day(decided)
            if i < employed:
                row["udfald"] = rng.choice(["ordinære timer"] * 3 + ["fleksjob"] * 2)
                row["udfaldsdato"] = day(min(plus(referral, 20, 300), END))
            rows.append(row)
    rows.sort(key=lambda r: (r["screeningsdato"], r["deltager_id"]))
    columns = list(rows[0].keys())
    with open(os.path.join(OUT, "registrations.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(";".join(columns) + "\r\n")
        for r in rows:
            f.write(";".join(r[c] for c in columns) + "\r\n")
    assert len(rows) == 15228


def counts():
    # The target population beyond the screened citizens, who are registered one by one.
    achieved = {r[0]: r[4][0] for r in TABLE}
    with open(os.path.join(OUT, "maalgruppe.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("kommune;indikator;dato;antal\r\n")
        for code, _, _, _, _ in TABLE:
            f.write(f"{code};maalgruppe;{day(LIST_DATE)};{POPULATION[code] - achieved[code]}\r\n")


def targets():
    with open(os.path.join(OUT, "targets.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("kommunekode;indikator;maal;version;gyldig_fra;begrundelse\r\n")
        for code, _, original, adjusted, _ in TABLE:
            for ind, value in zip(INDICATORS, original):
                f.write(f"{code};{ind};{value};oprindelig;{day(START)};\r\n")
            for ind, value in zip(INDICATORS, adjusted):
                f.write(f"{code};{ind};{value};justeret;{ADJUSTED_FROM};{REASONS.get(code, DEFAULT_REASON)}\r\n")


def project():
    p = {
        "id": "rummeligt-arbejdsmarked",
        "title": "Et mere rummeligt arbejdsmarked for borgere med handicap II (fiktive registreringer)",
        "owner": "Elleve jobcentre",
        "funder": "STAR",
        "pool": "Et mere rummeligt arbejdsmarked for borgere med handicap II",
        "period": {"start": day(START), "end": day(END)},
        "as_of": day(END),
        "locale": "da",
        "percent_decimals": 1,
        "aggregation": "mean_capped",
        # An evaluation published once, not a dashboard republished every month.
        "privacy": {"monthly_releases": False},
        "municipalities": [r[0] for r in TABLE],
        "indicators": [
            {"id": "maalgruppe", "label": "Målgruppe", "kind": "count", "date_field": "maalgruppe_fra",
             "description": "Borgere i målgruppen: de screenede registreret enkeltvis, resten som antal fra jobcentrenes udtræk"},
            {"id": "screenede", "label": "Screenede", "kind": "count", "date_field": "screeningsdato"},
            {"id": "samtale_accepteret", "label": "Accepteret visitationssamtale", "kind": "count",
             "date_field": "samtale_accepteret"},
            {"id": "samtale_afholdt", "label": "Afholdt visitationssamtale", "kind": "count",
             "date_field": "samtale_afholdt"},
            {"id": "visiterede", "label": "Visiterede", "kind": "count", "date_field": "visitationsdato"},
            {"id": "i_job", "label": "I job", "kind": "count", "date_field": "udfaldsdato",
             "where": {"udfald": ["ordinære timer", "fleksjob"]}, "after": "visiterede"},
            {"id": "andel_i_job", "label": "Andel af visiterede i job", "kind": "ratio",
             "numerator": "i_job", "denominator": "visiterede"},
            # The three durations the evaluation follows (README "Durations"); the 30 days
            # for an HKO application are this sample's own choice, the evaluation sets none.
            {"id": "dage_til_jobformidler", "label": "Dage fra visitation til første samtale med jobformidler",
             "kind": "duration", "start_field": "visitationsdato", "end_field": "foerste_samtale_jobformidler",
             "within_days": 7, "statistic": "median"},
            {"id": "dage_til_hko_ansoegning",
             "label": "Dage fra visitation til ansøgning om handicapkompenserende ordning",
             "kind": "duration", "start_field": "visitationsdato", "end_field": "hko_ansoegning",
             "within_days": 30, "statistic": "median"},
            {"id": "hko_sagsbehandling",
             "label": "Sagsbehandlingsdage for handicapkompenserende ordninger (lokal hurtigbehandlingsfrist 3 dage)",
             "kind": "duration", "start_field": "hko_ansoegning", "end_field": "hko_afgoerelse",
             "within_days": 3, "statistic": "within_share"},
        ],
        "funnels": [
            {"id": "screening", "label": "Fra målgruppe til visitation",
             "stages": ["maalgruppe", "screenede", "samtale_accepteret", "samtale_afholdt", "visiterede"]},
        ],
        "targets": {"file": "targets.csv"},
        # The evaluation measures Haderslev's referred and employed against the original targets.
        "target_basis": [
            {"municipality": "510", "indicator": ind, "version": "oprindelig", "reason": HADERSLEV_BASIS}
            for ind in ("visiterede", "i_job")
        ],
        "counts": {"file": "maalgruppe.csv"},
        "registrations": {
            "file": "registrations.csv",
            "delimiter": ";",
            "columns": {"participant": "deltager_id", "municipality": "kommunekode"},
        },
    }
    # The staff survey of "Vi gør en forskel" (issue 17): personale.csv beside
    # project.json is kept as it is, written by hand from the evaluation.
    p["surveys"] = [{
        "id": "personale",
        "title": "Ledere og jobformidlere om jobcenterets indsats",
        "file": "personale.csv",
        "respondents": "staff",
        "publish_small_n": True,
        "scale": ["I meget høj grad", "I høj grad", "I mindre grad", "Slet ikke"],
        "not_answered": ["Sprunget over"],
        "groups": ["ledere", "jobformidlere"],
        "shares_of": "respondents",
    }]
    with open(os.path.join(OUT, "project.json"), "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    check_table()
    os.makedirs(OUT, exist_ok=True)
    project()
    targets()
    counts()
    registrations()
    # The two sources to reconcile are drawn from these registrations, and wired into project.json.
    subprocess.run([sys.executable, os.path.join("tools", "make_reconciliation_sources.py"), OUT], check=True)


if __name__ == "__main__":
    main()
