"""Reading maaltal's outputs back the way their users' tools do: the workbook
with openpyxl, the Markdown with the cmark-gfm parser, the HTML with Python's
HTML parser. Shared by the end-to-end tests."""
import html.parser
import subprocess
import xml.etree.ElementTree as ET

import openpyxl

CMARK_NS = "{http://commonmark.org/xml/1.0}"


def markdown_tables(path):
    """Every GFM table in a Markdown file, parsed by cmark-gfm, as lists of rows of cell texts."""
    xml = subprocess.run(["cmark-gfm", "-e", "table", "-t", "xml", path], check=True,
                         capture_output=True).stdout
    root = ET.fromstring(xml)
    tables = []
    for table in root.iter(CMARK_NS + "table"):
        rows = []
        for row in table:
            # Only the text nodes: the XML's own indentation is not content.
            rows.append(["".join(e.text or "" for e in cell.iter() if e.tag in (CMARK_NS + "text", CMARK_NS + "code"))
                         for cell in row])
        tables.append(rows)
    return tables


class _TableCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = []  # (caption, rows, municipality section id or None)
        self._cell = None
        self._caption = None
        self._sections = []  # the id of each open <section class="unit">, else None
        self._spoken = 0  # depth inside a visually hidden <span class="vh"> (words for speech only)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and (self._spoken or "vh" in (attrs.get("class") or "").split()):
            self._spoken += 1
        elif tag == "section":
            self._sections.append(attrs.get("id") if "unit" in (attrs.get("class") or "").split() else None)
        elif tag == "table":
            unit = next((s for s in reversed(self._sections) if s), None)
            self.tables.append(["", [], unit])
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "span" and self._spoken:
            self._spoken -= 1
        elif tag == "section" and self._sections:
            self._sections.pop()
        elif tag == "caption":
            self.tables[-1][0] = self._caption
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][1][-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._spoken:
            return  # the table as a sighted reader sees it
        if self._cell is not None:
            self._cell += data
        if self._caption is not None:
            self._caption += data


def html_tables(text, unit=None):
    """The HTML tables as (caption, rows of cell texts): those of the project as
    a whole, or with unit="kommune-461" those of that municipality's section."""
    collector = _TableCollector()
    collector.feed(text)
    return [(caption, rows) for caption, rows, section in collector.tables if section == unit]


def workbook_rows(path, sheet_index=0):
    """The overview sheet as dicts keyed by header, values as openpyxl reads them
    (the cached values of formulas), plus each cell's number format."""
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book.worksheets[sheet_index]
    rows = list(sheet.iter_rows())
    headers = [c.value for c in rows[0]]
    out = []
    for row in rows[1:]:
        out.append({h: (c.value, c.number_format) for h, c in zip(headers, row)})
    return book, sheet, out


def workbook_dump(path, rows_per_sheet=40):
    """A text dump of every sheet: the golden form of the workbook's contents.
    Long sheets are cut after `rows_per_sheet` rows, with the count of the rest."""
    lines = []
    book = openpyxl.load_workbook(path)                   # formulas as written
    cached = openpyxl.load_workbook(path, data_only=True)  # their cached values
    props = book.properties
    lines.append(f"properties: title={props.title!r} subject={props.subject!r} creator={props.creator!r} "
                 f"created={props.created.isoformat() if props.created else None}")
    for defined in sorted(book.defined_names.definedName, key=lambda d: d.name):
        lines.append(f"name {defined.name} = {defined.attr_text}")
    for name in book.sheetnames:
        sheet, values = book[name], cached[name]
        lines.append(f"sheet {name!r}: dims={sheet.dimensions} freeze={sheet.freeze_panes} "
                     f"autofilter={sheet.auto_filter.ref} landscape={sheet.page_setup.orientation} "
                     f"charts={len(sheet._charts)}")
        for table in sheet.tables.values():
            lines.append(f"  table {table.name} {table.ref} [{', '.join(c.name for c in table.tableColumns)}]")
        for rng in sheet.conditional_formatting:
            for rule in rng.rules:
                lines.append(f"  conditional {rng.sqref}: {rule.type} {rule.operator} {rule.formula}")
        for r, row in enumerate(sheet.iter_rows()):
            if r == rows_per_sheet:
                lines.append(f"  ... {sheet.max_row - rows_per_sheet} more rows")
                break
            for c in row:
                if c.value is None:
                    continue
                cached_value = values[c.coordinate].value
                shown = f"{c.value!r}" if c.value == cached_value else f"{c.value!r} -> {cached_value!r}"
                lines.append(f"  {c.coordinate}: {shown} [{c.number_format}]")
    return "\n".join(lines) + "\n"


def public_cells(summary, most):
    """What a reader knows from a public summary.json, shared by the attackers
    of test_disclosure and test_privacy: every count as a cell with its
    bounds and mark, the sums that tie them and the inequalities that hold
    by the indicators' definitions.

    Returns (cells, sums, at_most): cells {key: (low, high, mark)}, mark None
    (shown, low == high), "small" (0-4) or "protecting" (at least the
    threshold, at most `most`, times the terms of a sum indicator: the
    summary publishes no upper bound, so a finite `most` only makes the
    attacker stronger); sums [(whole, parts)]; at_most [(smaller, larger)].
    Keys: ("A", municipality code or "" for the total, indicator) and
    ("B", breakdown, code, category or "\\x00other")."""
    t = summary["privacy"]["suppress_below"]
    low = 1 if summary["privacy"]["zero_as_dash"] else 0
    cells, sums, at_most = {}, [], []

    def cell(key, value, hidden, high=most):
        if hidden is None:
            cells[key] = (value, value, None)
        elif hidden == "small":
            cells[key] = (low, t - 1, "small")
        else:
            cells[key] = (t, high, "protecting")

    units = [(u["code"], u) for u in summary["units"]] + [("", summary["total"])]
    indicators = {ind["id"]: ind for ind in summary["indicators"]}
    counts = [ind for ind in summary["indicators"] if ind["kind"] != "ratio"]
    for ind in counts:
        for code, unit in units:
            v = unit["values"][ind["id"]]
            cell(("A", code, ind["id"]), v["actual"], v.get("hidden"), most * len(ind.get("of", [1])))
    for ind in counts:
        sums.append((("A", "", ind["id"]), [("A", code, ind["id"]) for code, _ in units[:-1]]))
        for code, _ in units:
            if ind["kind"] == "sum":
                sums.append((("A", code, ind["id"]), [("A", code, term) for term in ind["of"]]))
            if ind.get("after"):  # counted only after the other: at most it
                at_most.append((("A", code, ind["id"]), ("A", code, ind["after"])))
            # first outcomes after the same referral by disjoint values: each
            # participant once, so their sum is at most the referrals
            terms = [indicators[x] for x in ind.get("of", [])]
            if terms and all(x.get("count") == "first" and x.get("after") == terms[0].get("after")
                             and x.get("after") for x in terms):
                at_most.append((("A", code, ind["id"]), ("A", code, terms[0]["after"])))
    for b in summary["breakdowns"]:
        rows = [(r["code"], r) for r in b["units"]] + [("", b["total"])]
        columns = b["categories"] + ["\x00other"]
        for code, row in rows:
            for c in b["categories"]:
                cell(("B", b["id"], code, c), row["counts"][c], row.get("hidden", {}).get(c))
            cell(("B", b["id"], code, "\x00other"), row["other"], row.get("other_hidden"))
            sums.append((("A", code, b["indicator"]), [("B", b["id"], code, c) for c in columns]))
        for c in columns:
            sums.append((("B", b["id"], "", c), [("B", b["id"], code, c) for code, _ in rows[:-1]]))
    return cells, sums, at_most
