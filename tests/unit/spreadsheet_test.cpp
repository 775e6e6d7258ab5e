// The .xlsx and .ods reader on small files written here, part by part, with
// libzip: each case holds just the XML it is about.
#include <zip.h>

#include <catch2/catch.hpp>
#include <map>

#include "core/error.h"
#include "read/spreadsheet.h"
#include "test_support.h"

using namespace maaltal;

namespace {

// A zip of `parts` (name -> bytes), stored at `path`.
// Packed at deflate's fastest level: the zip bomb's 300 MiB pack quickly.
void write_zip(const std::filesystem::path& path, const std::map<std::string, std::string>& parts) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    REQUIRE(index >= 0);
    REQUIRE(zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1) == 0);
  }
  REQUIRE(zip_close(zip) == 0);
}

const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string workbook_xml(const std::string& pr = "") {
  return std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel + "\">" + pr +
         "<sheets><sheet name=\"Noter\" sheetId=\"2\" r:id=\"rId2\"/><sheet name=\"Ark1\" sheetId=\"1\" "
         "r:id=\"rId1\"/></sheets></workbook>";
}

const char* kRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";

// Styles: 0 general, 1 built-in 14 (a date), 2 custom dd-mm-yyyy, 3 custom
// time only, 4 custom number with a quoted "d", 5 built-in 20 (a time).
const char* kStyles =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"3\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd\\-mm\\-yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"[h]:mm:ss\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"0&quot; dage&quot;\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "<xf numFmtId=\"166\"/><xf numFmtId=\"20\"/></cellXfs></styleSheet>";

std::string sheet_xml(const std::string& rows) {
  return std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>" + rows + "</sheetData></worksheet>";
}

struct Read {
  std::string sheet;
  std::vector<SheetRow> rows;
  std::vector<std::string> row_sheets;  // a row's sheet is a view into the reader's name: copied while it lives
};

Read read_all(const std::filesystem::path& path, const std::string& sheet = "") {
  Read out;
  out.sheet = read_sheet_rows(path.string(), path.filename().string(), sheet, [&](const SheetRow& row) {
    out.rows.push_back(row);
    out.row_sheets.emplace_back(row.sheet);
    return true;
  });
  return out;
}

std::filesystem::path xlsx(const test::TempDir& dir, const std::string& rows, const std::string& pr = "",
                           const std::string& shared = "") {
  auto path = dir.path() / "registreringer.xlsx";
  std::map<std::string, std::string> parts{{"xl/workbook.xml", workbook_xml(pr)},
                                           {"xl/_rels/workbook.xml.rels", kRels},
                                           {"xl/styles.xml", kStyles},
                                           {"xl/worksheets/sheet1.xml", sheet_xml(rows)},
                                           {"xl/worksheets/sheet2.xml", sheet_xml("")}};
  if (!shared.empty()) parts["xl/sharedStrings.xml"] = std::string("<sst xmlns=\"") + kMain + "\">" + shared + "</sst>";
  write_zip(path, parts);
  return path;
}

// The texts of a row's cells, "|" between them, kinds as a letter before
// each: t text, n number, b boolean, d date, e error, _ empty.
std::string shown(const SheetRow& row) {
  std::string out;
  for (const auto& c : row.cells) {
    const char kinds[] = "_tnbde";
    out += (out.empty() ? "" : "|") + std::string(1, kinds[static_cast<int>(c.kind)]) + c.text;
  }
  return out;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.exit_code() == 4);
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("cell_name gives Excel's column letters and the row", "[spreadsheet]") {
  CHECK(cell_name(14, 2) == "C14");
  CHECK(cell_name(1, 25) == "Z1");
  CHECK(cell_name(1, 26) == "AA1");
  CHECK(cell_name(7, 16383) == "XFD7");
}

TEST_CASE("is_spreadsheet knows .xlsx and .ods in any case", "[spreadsheet]") {
  CHECK(is_spreadsheet("data/Registreringer.XLSX"));
  CHECK(is_spreadsheet("a.ods"));
  CHECK_FALSE(is_spreadsheet("a.csv"));
  CHECK_FALSE(is_spreadsheet("xlsx"));
}

TEST_CASE("xlsx cells are read by their type: shared, rich and inline strings, numbers, booleans, errors, formulas",
          "[spreadsheet]") {
  test::TempDir dir;
  auto path = xlsx(dir,
                   "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                   "<c r=\"C1\" t=\"inlineStr\"><is><t>inline</t></is></c></row>"
                   "<row r=\"2\"><c r=\"A2\"><v>630</v></c><c r=\"B2\"><v>0.5</v></c><c r=\"C2\" t=\"b\"><v>1</v></c>"
                   "<c r=\"D2\" t=\"e\"><v>#N/A</v></c><c r=\"E2\"><f>SUM(A2:B2)</f><v>630.5</v></c>"
                   "<c r=\"F2\" t=\"str\"><f>A1&amp;\"x\"</f><v>CPRx</v></c><c r=\"G2\" t=\"b\"><v>0</v></c>"
                   "<c r=\"H2\"><v>1.0000000000000001E-2</v></c><c r=\"I2\"><v>-0</v></c></row>",
                   "",
                   "<si><t>CPR</t></si><si><r><rPr><b/></rPr><t>Ordinære </t></r><r><t>timer</t></r>"
                   "<rPh><t>ignored</t></rPh></si>");
  Read read = read_all(path);
  CHECK(read.sheet == "Noter");  // the first sheet in the workbook's order
  read = read_all(path, "Ark1");
  CHECK(read.sheet == "Ark1");
  REQUIRE(read.rows.size() == 2);
  CHECK(read.rows[0].number == 1);
  CHECK(read.row_sheets[0] == "Ark1");
  CHECK(shown(read.rows[0]) == "tCPR|tOrdinære timer|tinline");
  CHECK(shown(read.rows[1]) == "n630|n0.5|btrue|e#N/A|n630.5|tCPRx|bfalse|n0.01|n0");
}

TEST_CASE("xlsx dates come from serial numbers in a date format, in the 1900 and the 1904 system", "[spreadsheet]") {
  test::TempDir dir;
  const std::string rows =
      "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45779</v></c><c r=\"B3\" s=\"2\"><v>45779.75</v></c>"
      "<c r=\"C3\" s=\"3\"><v>1.5</v></c><c r=\"D3\" s=\"4\"><v>12</v></c><c r=\"E3\" s=\"5\"><v>0.5</v></c>"
      "<c r=\"F3\" s=\"1\"><v>59</v></c><c r=\"G3\" s=\"1\"><v>60</v></c><c r=\"H3\" s=\"1\"><v>61</v></c>"
      "<c r=\"I3\" s=\"1\" t=\"d\"><v>2025-05-02T00:00:00</v></c><c r=\"J3\"><v>45779</v></c></row>";
  Read read = read_all(xlsx(dir, rows), "Ark1");
  REQUIRE(read.rows.size() == 3);  // rows 1 and 2 are blank rows before it
  CHECK(read.rows[0].cells.empty());
  CHECK(read.rows[2].number == 3);
  CHECK(shown(read.rows[2]) ==
        "d2025-05-02|d2025-05-02|n1.5|n12|n0.5|d1900-02-28|d1900-02-29|d1900-03-01|d2025-05-02|n45779");
  read = read_all(xlsx(dir, rows, "<workbookPr date1904=\"1\"/>"), "Ark1");
  CHECK(shown(read.rows[2]).substr(0, 24) == "d2029-05-03|d2029-05-03|");
  read = read_all(xlsx(dir, "<row><c s=\"1\"><v>0</v></c></row>", "<workbookPr date1904=\"true\"/>"), "Ark1");
  CHECK(shown(read.rows[0]) == "d1904-01-01");
}

TEST_CASE("xlsx rows and cells without r follow the one before; empty and merged-away cells are empty",
          "[spreadsheet]") {
  test::TempDir dir;
  Read read = read_all(xlsx(dir,
                            "<row><c><v>1</v></c><c><v>2</v></c><c r=\"E1\"><v>5</v></c><c><v>6</v></c></row>"
                            "<row hidden=\"1\"><c r=\"B2\"><v>7</v></c><c r=\"C2\" s=\"2\"/></row>"
                            "<row r=\"5\"><c r=\"A5\" t=\"s\"/><c r=\"B5\"/></row>"
                            "<row r=\"6\"><c r=\"C6\"><v>9</v></c></row>"
                            "<row r=\"9\"><c r=\"A9\"/></row>"),
                       "Ark1");
  REQUIRE(read.rows.size() == 6);
  CHECK(shown(read.rows[0]) == "n1|n2|_|_|n5|n6");
  CHECK(read.rows[1].number == 2);  // hidden: read as data
  CHECK(shown(read.rows[1]) == "_|n7");
  CHECK(read.rows[2].number == 3);  // blank rows amid the data are handed over
  CHECK(read.rows[2].cells.empty());
  CHECK(read.rows[4].number == 5);
  CHECK(read.rows[4].cells.empty());
  CHECK(read.rows[5].number == 6);
  CHECK(shown(read.rows[5]) == "_|_|n9");  // row 9 (no value) after the last is left out
}

TEST_CASE("on_row returning false stops the reading", "[spreadsheet]") {
  test::TempDir dir;
  auto path = xlsx(dir, "<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row><c><v>3</v></c></row>");
  int seen = 0;
  read_sheet_rows(path.string(), "x.xlsx", "Ark1", [&](const SheetRow&) { return ++seen < 2; });
  CHECK(seen == 2);
}

namespace {

std::filesystem::path ods(const test::TempDir& dir, const std::string& tables) {
  auto path = dir.path() / "registreringer.ods";
  write_zip(path,
            {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
             {"content.xml",
              "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
              "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
              "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
              "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\">"
              "<office:body><office:spreadsheet>" +
                  tables + "</office:spreadsheet></office:body></office:document-content>"}});
  return path;
}

}  // namespace

TEST_CASE("ods cells are read by their value type, with text:s, spans and covered cells", "[spreadsheet]") {
  test::TempDir dir;
  auto path = ods(
      dir,
      "<table:table table:name=\"Noter\"><table:table-row><table:table-cell office:value-type=\"string\">"
      "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
      "<table:table table:name=\"Ark1\">"
      "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Ordinære<text:s text:c=\"2\"/>"
      "<text:span>timer</text:span></text:p><text:p>linje 2</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"630\"><text:p>630</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\"><text:p>25%</text:p>"
      "</table:table-cell>"
      "<table:table-cell office:value-type=\"currency\" office:value=\"12.5\"><text:p>12,50 kr.</text:p>"
      "</table:table-cell>"
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2025-05-02T10:00:00\"><text:p>02-05-25"
      "</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>SAND</text:p>"
      "</table:table-cell>"
      "<table:table-cell table:formula=\"of:=#N/A\" office:value-type=\"string\" office:string-value=\"\" "
      "calcext:value-type=\"error\"><text:p>#I/T</text:p></table:table-cell>"
      "<table:table-cell table:number-columns-spanned=\"2\" office:value-type=\"string\"><text:p>flettet</text:p>"
      "<office:annotation><text:p>a comment</text:p></office:annotation></table:table-cell>"
      "<table:covered-table-cell/><table:table-cell table:number-columns-repeated=\"1000\"/>"
      "</table:table-row></table:table>");
  Read read = read_all(path);
  CHECK(read.sheet == "Noter");
  read = read_all(path, "Ark1");
  REQUIRE(read.rows.size() == 1);
  CHECK(shown(read.rows[0]) == "tOrdinære  timer\nlinje 2|n630|n0.25|n12.5|d2025-05-02|btrue|e#I/T|tflettet");
}

TEST_CASE("ods repeated rows and columns: values repeated, a trailing million empty rows costs nothing",
          "[spreadsheet]") {
  test::TempDir dir;
  auto path = ods(dir,
                  "<table:table table:name=\"Ark1\">"
                  "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
                  "table:number-columns-repeated=\"2\"/><table:table-cell office:value-type=\"float\" "
                  "office:value=\"1\" table:number-columns-repeated=\"3\"/></table:table-row>"
                  "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
                  "table:number-columns-repeated=\"1024\"/></table:table-row>"
                  "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>end</text:p>"
                  "</table:table-cell></table:table-row>"
                  "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell "
                  "table:number-columns-repeated=\"1024\"/></table:table-row></table:table>");
  Read read = read_all(path);
  REQUIRE(read.rows.size() == 5);
  CHECK(shown(read.rows[0]) == "_|_|n1|n1|n1");
  CHECK(read.rows[1].number == 2);
  CHECK(shown(read.rows[1]) == "_|_|n1|n1|n1");
  CHECK(read.rows[2].cells.empty());
  CHECK(read.rows[4].number == 5);
  CHECK(shown(read.rows[4]) == "tend");
}

TEST_CASE("a file that is no spreadsheet, or lacks the sheet, is a read error (exit 4) saying so", "[spreadsheet]") {
  test::TempDir dir;
  auto csv = dir.write("reg.xlsx", "borger;kommune\n1;630\n");
  CHECK(message_of([&] { read_all(csv); }) ==
        "cannot read 'reg.xlsx': it is not an .xlsx or .ods file (not a zip archive); save it again from Excel or "
        "LibreOffice, or save the sheet as CSV");
  write_zip(dir.path() / "other.xlsx", {{"readme.txt", "hello"}});
  CHECK(message_of([&] { read_all(dir.path() / "other.xlsx"); }) ==
        "cannot read 'other.xlsx': it is a zip archive but no .xlsx or .ods file; save it again from Excel or "
        "LibreOffice");
  auto path = xlsx(dir, "<row><c><v>1</v></c></row>");
  CHECK(message_of([&] { read_all(path, "Ark2"); }) ==
        "cannot read 'registreringer.xlsx': it has no sheet 'Ark2' (its sheets: 'Noter', 'Ark1'); name one of them "
        "in project.json's \"sheet\"");
  auto table = ods(dir, "<table:table table:name=\"Data\"/>");
  CHECK(message_of([&] { read_all(table, "Ark1"); }) ==
        "cannot read 'registreringer.ods': it has no sheet 'Ark1' (its sheets: 'Data'); name one of them in "
        "project.json's \"sheet\"");
  CHECK(message_of([&] { read_all(dir.path()); }) == "cannot read '" + dir.path().filename().string() +
                                                         "': it is a folder, not a file");
}

TEST_CASE("XML that does not parse is a read error naming the part, line and column", "[spreadsheet]") {
  test::TempDir dir;
  auto path = xlsx(dir, "<row><c><v>1</v></c></row><row>");
  CHECK(message_of([&] { read_all(path, "Ark1"); }) ==
        "cannot read 'registreringer.xlsx': its part 'xl/worksheets/sheet1.xml' is not well-formed XML at line 1, "
        "column 122 (mismatched tag); open it in Excel or LibreOffice and save it again");
}

TEST_CASE("a part unpacking past the limit (a zip bomb) is refused as it unpacks", "[spreadsheet]") {
  test::TempDir dir;
  // 300 MiB of spaces in the shared strings, a few hundred KiB packed.
  std::string huge(std::size_t{300} << 20, ' ');
  auto path = dir.path() / "bomb.xlsx";
  write_zip(path, {{"xl/workbook.xml", workbook_xml()},
                   {"xl/_rels/workbook.xml.rels", kRels},
                   {"xl/worksheets/sheet1.xml", sheet_xml("")},
                   {"xl/sharedStrings.xml", "<sst>" + huge + "</sst>"}});
  huge.clear();
  huge.shrink_to_fit();
  CHECK(message_of([&] { read_all(path, "Ark1"); }) ==
        "cannot read 'bomb.xlsx': its part 'xl/sharedStrings.xml' unpacks to more than 256 MiB, more than maaltal "
        "reads (a damaged file or a zip bomb)");
}

TEST_CASE("a repeat past a sheet's million rows is refused, not looped over", "[spreadsheet]") {
  test::TempDir dir;
  auto path = ods(dir,
                  "<table:table table:name=\"Ark1\"><table:table-row table:number-rows-repeated=\"2000000000\">"
                  "<table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>");
  CHECK(message_of([&] { read_all(path); }) ==
        "cannot read 'registreringer.ods': it has more than 1,048,576 rows, more than a sheet may hold");
}
