#!/usr/bin/env python3
"""Writes the fictional registrations of the two sample projects.

The counts are the published ones in shared/DOMAIN.md; everything else (ids,
dates, the mix of outcomes) is invented, deterministically from a fixed seed.
Run from the repository root: python3 tools/make_samples.py
"""
import datetime as dt
import random

rng = random.Random(20221)
# A second stream for columns added later, so that the first one's dates stay as they were.
rng_groups = random.Random(4711)

BENEFIT_GROUPS = [  # with rough weights
    ("Dagpenge", 3), ("Kontanthjælp (jobparate)", 2), ("Kontanthjælp (aktivitetsparate)", 4),
    ("Sygedagpenge/Jobafklaring", 3), ("Fleksjob/Ledighedsydelse", 4), ("Ressourceforløb", 2),
]


def benefit_group():
    return rng_groups.choices([g for g, _ in BENEFIT_GROUPS], weights=[w for _, w in BENEFIT_GROUPS])[0]


def day_between(start, end):
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def vi_goer_en_forskel():
    start, end = dt.date(2019, 9, 1), dt.date(2022, 6, 30)
    # kommunekode: (referred, in job, in education)
    published = {"746": (52, 34, 4), "607": (59, 38, 0), "190": (65, 45, 0)}
    rows = []
    n = 0
    for code, (referred, job, education) in published.items():
        outcomes = ["job"] * job + ["education"] * education + [""] * (referred - job - education)
        rng.shuffle(outcomes)
        for outcome in outcomes:
            n += 1
            referral = day_between(start, dt.date(2021, 12, 31))
            kind, when = "", ""
            if outcome:
                when = day_between(referral + dt.timedelta(days=30), end).isoformat()
                if outcome == "job":
                    kind = rng.choice(["ordinære timer"] * 3 + ["fleksjob"] * 2)
                else:
                    kind = "SU-berettiget uddannelse"
            rows.append((f"VGF-{n:04d}", code, referral.isoformat(), kind, when, benefit_group()))
    # The last event of the project falls on its last day, so the default
    # as-of date (the latest event) is the period end.
    for i, row in enumerate(rows):
        if row[3]:
            rows[i] = row[:4] + (end.isoformat(),) + row[5:]
            break
    rows.sort(key=lambda r: r[2])
    with open("sample-data/vi-goer-en-forskel/registrations.csv", "w", encoding="utf-8", newline="") as f:
        f.write("borger_id;kommunekode;visitationsdato;udfald;udfaldsdato;ydelsesgruppe\r\n")
        for r in rows:
            f.write(";".join(r) + "\r\n")


def smaa_mellemstore():
    start, as_of, end = dt.date(2017, 9, 1), dt.date(2019, 12, 31), dt.date(2020, 12, 31)
    # kommunekode: (in internship by 2019-12-31, in a job by 2019-12-31)
    published = {"326": (93, 30), "621": (201, 87), "190": (98, 37)}
    later = {"326": 12, "621": 15, "190": 9}  # internships after the as-of date
    rows = []
    n = 0
    fmt = "%d-%m-%Y"  # as Danish Excel exports dates
    for code, (internships, jobs) in published.items():
        first = dt.date(2018, 4, 1) if code == "190" else start
        for k in range(internships):
            n += 1
            begun = day_between(first, dt.date(2019, 10, 31))
            job = ""
            if k < jobs:
                job = day_between(begun + dt.timedelta(days=14), as_of).strftime(fmt)
            elif k < jobs + 5:
                job = day_between(dt.date(2020, 1, 1), end).strftime(fmt)  # after the as-of date
            rows.append((f"SM{n:05d}", code, begun.strftime(fmt), job))
        for _ in range(later[code]):
            n += 1
            rows.append((f"SM{n:05d}", code, day_between(dt.date(2020, 1, 1), end).strftime(fmt), ""))
    rng.shuffle(rows)
    with open("sample-data/smaa-mellemstore/registrations.csv", "w", encoding="utf-8", newline="") as f:
        f.write("deltager,kommune,praktik_start,job_start\n")
        for r in rows:
            f.write(",".join(r) + "\n")


def job_og_trivsel():
    """A fictional project with every kind of figure: a funnel (screened ->
    referred -> in a job), breakdowns by disability and age, and Aarhus, which
    reports aggregated monthly counts instead of citizens."""
    r = random.Random(99)
    start, last = dt.date(2021, 1, 1), dt.date(2023, 6, 30)
    groups = ["fysisk", "psykisk", "kognitiv", "sensorisk"]
    rows = []
    n = 0
    for code, screened in (("461", 120), ("851", 95)):
        for _ in range(screened):
            n += 1
            screen = start + dt.timedelta(days=r.randrange((last - start).days - 60))
            referral = job = kind = ""
            if r.random() < 0.7:
                referral_date = screen + dt.timedelta(days=r.randrange(7, 45))
                referral = referral_date.isoformat()
                if r.random() < 0.45:
                    job_date = referral_date + dt.timedelta(days=r.randrange(30, 400))
                    if job_date <= dt.date(2023, 12, 31):
                        job, kind = job_date.isoformat(), r.choice(["ordinære timer", "fleksjob"])
            rows.append((f"JT{n:04d}", code, screen.isoformat(), referral, job, kind, r.choice(groups),
                         str(r.randrange(1960, 2004))))
    with open("sample-data/job-og-trivsel/registrations.csv", "w", encoding="utf-8", newline="") as f:
        f.write("deltager;kommune;screenet;visiteret;job;udfald;handicap;foedselsaar\n")
        for row in sorted(rows, key=lambda x: x[2]):
            f.write(";".join(row) + "\n")
    # Aarhus sends numbers per month.
    with open("sample-data/job-og-trivsel/antal-aarhus.csv", "w", encoding="utf-8", newline="") as f:
        f.write("kommune;indikator;måned;antal\n")
        month = dt.date(2021, 2, 1)
        while month <= dt.date(2023, 9, 1):
            screened = r.randrange(2, 7)
            referred = r.randrange(1, screened + 1)
            jobs = r.randrange(0, referred + 1) if month >= dt.date(2021, 6, 1) else 0
            for indicator, count in (("screenet", screened), ("visiterede", referred), ("i_job", jobs)):
                f.write(f"751;{indicator};{month:%Y-%m};{count}\n")
            month = (month + dt.timedelta(days=32)).replace(day=1)


if __name__ == "__main__":
    vi_goer_en_forskel()
    smaa_mellemstore()
    job_og_trivsel()
