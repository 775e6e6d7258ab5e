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

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
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
        if tag == "section" and self._sections:
            self._sections.pop()
        elif tag == "caption":
            self.tables[-1][0] = self._caption
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][1][-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
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
