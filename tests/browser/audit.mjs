// The dashboard as a browser shows it. Builds every sample in every form
// (single, site, fragment) and both languages, then opens each page in
// Debian's Chromium through playwright-core and checks:
//   - axe-core finds no WCAG 2.1 A/AA violation, in the light and dark scheme;
//   - no request leaves the file (self-contained), and no script is needed;
//   - landmarks, a skip link first in the tab order, a visible focus ring;
//   - no horizontal scrolling at 320 CSS px and at 640 (1280 at 200 % zoom);
//   - chart marks at 3:1 against the background, in both schemes;
//   - the print stylesheet keeps figures whole;
//   - beyond the automated audit (issue 21): each chart named by its title
//     alone; the project's Danish words in lang="da" on an English page; one
//     heading outline; chart marks and legend keys visible in forced colours;
//     print from a dark scheme on white with 4.5:1 text and 3:1 marks, and
//     folded tables printed; a table wrapper that scrolls is a focusable,
//     named region at any width; chart labels inside the drawing and clear
//     of the 100 % line and the bars; no cell that is a silent "–";
//   - on a 98-municipality project (maaltal generate): at most 300 tab stops
//     and no two regions with the same name;
// then runs the Nu HTML Checker over every page and checks the size of the
// single file. Screenshots at 375 and 1280 px go to MAALTAL_SCREENSHOTS.
//
// Usage: MAALTAL_BIN=build/dev/maaltal node tests/browser/audit.mjs OUT_DIR
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const bin = process.env.MAALTAL_BIN;
const outDir = path.resolve(process.argv[2] || "build/browser");
const screenshots = process.env.MAALTAL_SCREENSHOTS ? path.resolve(process.env.MAALTAL_SCREENSHOTS) : path.join(outDir, "screenshots");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const vnuJar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
// The single file's budget (README "Publishing the dashboard"): 200 KB. A project of
// counts stays near 60-130 KB; rummeligt-arbejdsmarked, with 11 municipalities, three
// durations, a survey and a reconciliation, is about 175 KB.
const kMaxSingleFileBytes = 200 * 1024;
const kWcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// MAALTAL_AUDIT_TEMPLATES=DIR builds with --templates DIR (to see a check
// fail on a broken stylesheet); MAALTAL_AUDIT_QUICK=1 audits the samples'
// Danish single page alone, without the pool and the previous report.
const kTemplates = process.env.MAALTAL_AUDIT_TEMPLATES ? ["--templates", path.resolve(process.env.MAALTAL_AUDIT_TEMPLATES)] : [];
const kQuick = !!process.env.MAALTAL_AUDIT_QUICK;
// MAALTAL_AUDIT_SHOTS=1 only takes each sample's screenshots (Danish single page and the pool's).
const kShotsOnly = !!process.env.MAALTAL_AUDIT_SHOTS;

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${what}`);
  }
}

// --- building the pages ---------------------------------------------------

function build(sample, locale, form, extra = [], name = sample) {
  const dir = path.join(outDir, name, locale, form);
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync(bin, ["build", path.join("sample-data", sample, "project.json"), "--out", dir,
                     "--locale", locale, "--dashboard", form, ...extra, ...kTemplates],
               { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: "1656662400" }, stdio: "pipe" });
  if (form === "fragment") return [hostPage(dir, locale)];
  return fs.readdirSync(dir).filter((f) => f === "index.html" || /^kommune-.*\.html$/.test(f)).sort().map((f) => path.join(dir, f));
}

// The pool of the samples (maaltal pool): its public dashboard, one page.
function buildPool(locale) {
  const dir = path.join(outDir, "pulje-handicap", locale);
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync(bin, ["pool", path.join("sample-data", "pulje-handicap", "pool.json"), "--out", dir, "--locale", locale],
               { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: "1656662400" }, stdio: "pipe" });
  return path.join(dir, "index.html");
}

// A CMS page as a web editor would make it: its own header, h1 and main,
// the stylesheet linked in the head and the fragment pasted into the body.
function hostPage(dir, locale) {
  const fragment = fs.readFileSync(path.join(dir, "dashboard-fragment.html"), "utf8");
  const host = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kommunens side</title>
<style>body { margin: 0; font-family: Georgia, serif; } .site { padding: 1rem; }</style>
<link rel="stylesheet" href="maaltal.css"></head>
<body><header class="site"><p>Kommunens hjemmeside</p></header>
<main class="site"><h1>Resultater af projektet</h1>
${fragment}
</main></body></html>
`;
  const file = path.join(dir, "host.html");
  fs.writeFileSync(file, host);
  return file;
}

// --- checks in the browser ------------------------------------------------

async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), kWcagTags);
  return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

// Contrast of every chart mark with the background it is drawn on.
async function weakChartMarks(page) {
  return page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const scope = document.querySelector(".maaltal");
    const bg = rgb(getComputedStyle(scope).backgroundColor);
    const weak = [];
    const marks = ".bar, .actual-line, .trajectory-line, .forecast-line, .target-line, .target-100, .expected-mark";
    for (const el of document.querySelectorAll(`svg.chart :is(${marks})`)) {
      const style = getComputedStyle(el);
      const paint = style.fill !== "none" && el.tagName !== "polyline" && el.tagName !== "line" ? style.fill : style.stroke;
      const r = ratio(rgb(paint), bg);
      if (r < 3) weak.push(`${el.getAttribute("class")} ${paint} ${r.toFixed(2)}:1`);
    }
    return [...new Set(weak)];
  });
}

async function overflowAt(page, width) {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate((w) => {
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push(`page ${document.documentElement.scrollWidth}px`);
    for (const el of document.querySelectorAll(".table-wrap, figure, .tiles, .page-footer dl")) {
      if (el.scrollWidth > el.clientWidth + 1) {
        const wide = [...el.querySelectorAll("*")].filter((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1)[0];
        out.push(`${el.className || el.tagName} ${el.scrollWidth}>${el.clientWidth} (${wide ? wide.tagName + " " + (wide.textContent || "").trim().slice(0, 40) : ""})`);
      }
    }
    return out.slice(0, 5);
  }, width);
}

// Tabs through the page: the skip link comes first, and each stop shows a ring.
async function keyboardProblems(page, standalone) {
  await page.setViewportSize({ width: 1280, height: 900 });
  const problems = [];
  const stops = await page.evaluate(() => document.querySelectorAll("a[href], summary, [tabindex='0']").length);
  for (let k = 0; k < Math.min(stops, 40); k++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return { text: (el.textContent || "").trim().slice(0, 30), cls: el.className, ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
               visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top < innerHeight && box.bottom > 0 };
    });
    if (!info) { problems.push(`tab ${k + 1} lands nowhere`); break; }
    if (k === 0 && standalone && info.cls !== "skip") problems.push(`first tab stop is "${info.text}", not the skip link`);
    if (!info.ring || !info.visible) problems.push(`tab ${k + 1} "${info.text}" has no visible focus`);
  }
  return problems;
}

async function auditPage(browser, file, label, standalone, labels = [], english = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light", reducedMotion: "reduce" });
  const page = await context.newPage();
  const external = [];
  page.on("request", (r) => { if (!/^(file|data|about):/.test(r.url())) external.push(r.url()); });
  await page.goto(pathToFileURL(file).href);
  check(external.length === 0, `${label}: requests leave the file: ${external.join(", ")}`);
  check(await page.evaluate(() => document.scripts.length === 0), `${label}: has a script`);

  // A fragment brings its own navigation; the host page has the rest.
  const expected = standalone ? ["main", "nav", "header", "footer"] : ["main", "nav"];
  const landmarks = await page.evaluate((tags) => tags.filter((t) => !document.querySelector(t)), expected);
  check(landmarks.length === 0, `${label}: missing landmarks ${landmarks}`);
  if (standalone) {
    const skip = await page.evaluate(() => { const a = document.querySelector("a.skip"); return a && !!document.querySelector(a.getAttribute("href")); });
    check(skip, `${label}: no skip link to an existing target`);
  }
  const charts = await page.evaluate(() => [...document.querySelectorAll("svg.chart")].filter((s) => s.getAttribute("role") !== "img" || !s.querySelector("title")?.textContent || !s.querySelector("desc")?.textContent).length);
  check(charts === 0, `${label}: ${charts} charts without role=img, title and description`);

  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await axeViolations(page);
    check(violations.length === 0, `${label} (${scheme}): axe: ${violations.join("; ")}`);
    const weak = await weakChartMarks(page);
    check(weak.length === 0, `${label} (${scheme}): chart marks under 3:1: ${weak.join("; ")}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  for (const width of [320, 640]) {
    const overflow = await overflowAt(page, width);
    check(overflow.length === 0, `${label}: scrolls sideways at ${width}px: ${overflow.join("; ")}`);
  }
  const keys = await keyboardProblems(page, standalone);
  check(keys.length === 0, `${label}: keyboard: ${keys.join("; ")}`);
  await auditBeyond(page, label, labels, english);
  await auditBeyondMarkup(page, label);

  await page.emulateMedia({ media: "print" });
  const cut = await page.evaluate(() => [...document.querySelectorAll("figure")].filter((f) => getComputedStyle(f).breakInside !== "avoid").length);
  check(cut === 0, `${label}: ${cut} figures may be cut across printed pages`);
  await page.emulateMedia({ media: "screen" });
  await context.close();
}

// The top of a page in forced colours and printed from a dark scheme, small
// enough (about 100 KB) to keep a copy of each sample's in docs/screenshots.
const kLowVision = [
  { width: 1280, suffix: "forced-colours", media: { forcedColors: "active" }, clip: { x: 0, y: 0, width: 1280, height: 1400 }, quality: 40 },
  { width: 1280, suffix: "print-dark", media: { media: "print", colorScheme: "dark" }, clip: { x: 0, y: 0, width: 1280, height: 1400 }, quality: 40 }];

async function screenshot(browser, file, name, variants = [{ width: 375 }, { width: 1280 }, ...kLowVision]) {
  fs.mkdirSync(screenshots, { recursive: true });
  for (const { width, suffix = `${width}`, media = {}, clip, quality = 70 } of variants) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: "light" });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.emulateMedia(media);
    // JPEG keeps the copies kept in docs/ small.
    // A JPEG is at most 65,535 px tall (a taller one is written empty): a long page is kept from its top.
    await page.screenshot({ path: path.join(screenshots, `${name}-${suffix}.jpg`), fullPage: true, clip, type: "jpeg", quality });
    await context.close();
  }
}

// The national project of `maaltal generate` (98 municipalities): the full
// audit in Danish, the lang and chart-label checks in English, and what a
// keyboard and a screen-reader user cross. Screenshots: 375/1280 px, forced colours, and
// the first printed page from a dark scheme.
async function auditNational(browser, allPages) {
  const project = path.join(outDir, "national-project");
  fs.rmSync(project, { recursive: true, force: true });
  execFileSync(bin, ["generate", "--participants", "100000", "--out", project], { stdio: "pipe" });
  const labels = ownLabels(path.join(project, "project.json"));
  for (const locale of ["da", "en"]) {
    const dir = path.join(outDir, "national", locale);
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync(bin, ["build", path.join(project, "project.json"), "--out", dir, "--locale", locale, "--dashboard", "single"],
                 { env: { ...process.env, SOURCE_DATE_EPOCH: "1656662400" }, stdio: "pipe" });
    const file = path.join(dir, "index.html");
    allPages.push(file);
    // The whole audit once (in Danish); in English what the language changes.
    if (locale === "da") await auditPage(browser, file, `national/${locale}`, true, labels, false);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    if (locale !== "da") {
      const untagged = await danishWithoutLang(page, labels);
      check(untagged.length === 0, `national/${locale}: Danish without lang="da": ${untagged.slice(0, 4).join("; ")}`);
      const chartLabels = await chartLabelProblems(page);
      check(chartLabels.length === 0, `national/${locale}: chart labels: ${chartLabels.join("; ")}`);
      const tree = await accessibilityTreeProblems(page);
      check(tree.length === 0, `national/${locale}: accessibility tree: ${tree.join("; ")}`);
    }
    const { stops, duplicates } = await navigationFigures(page);
    const walked = await tabStopsWalked(page, 300);
    console.log(`national/${locale}: ${stops} tab stops (${walked} walked with Tab)`);
    check(stops <= 300, `national/${locale}: ${stops} tab stops to cross the page, over 300`);
    check(walked <= 300, `national/${locale}: Tab pressed ${walked} times without leaving the page, over 300`);
    check(duplicates.length === 0, `national/${locale}: regions with the same name: ${duplicates.slice(0, 4).join("; ")}`);
    await context.close();
    if (locale === "da") {
      await screenshot(browser, file, "national", [
        { width: 375, clip: { x: 0, y: 0, width: 375, height: 16000 } }, { width: 1280, clip: { x: 0, y: 0, width: 1280, height: 9000 } },
        ...kLowVision]);
    }
  }
}

// A project that gives some of its words per language (README "Project"):
// the title in Danish and English, one indicator's label in English alone,
// another's in both. On the Danish page the English-only label is
// lang="en" (the reverse of lang="da" on an English page); on the English
// page no English word is marked Danish. Every element that is the label
// alone (headings, captions, table heads) is checked.
async function auditOwnLanguages(browser, allPages) {
  const project = path.join(outDir, "languages", "project");
  fs.rmSync(path.dirname(project), { recursive: true, force: true });
  fs.cpSync(path.join(root, "sample-data", "job-og-trivsel"), project, { recursive: true });
  const file = path.join(project, "project.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const english = { title: "Jobs and well-being (a fictitious example)", only: "Screened", both: "Referred" };
  json.title = { da: json.title, en: english.title };
  json.indicators[0].label = { en: english.only };
  json.indicators[1].label = { da: json.indicators[1].label, en: english.both };
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  for (const locale of ["da", "en"]) {
    const dir = path.join(outDir, "languages", locale);
    execFileSync(bin, ["build", file, "--out", dir, "--locale", locale, "--dashboard", "single", ...kTemplates],
                 { env: { ...process.env, SOURCE_DATE_EPOCH: "1656662400" }, stdio: "pipe" });
    const page = path.join(dir, "index.html");
    allPages.push(page);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    const texts = locale === "da" ? [english.only] : [english.only, english.both, english.title];
    const wrong = await tab.evaluate((texts) => {
      const out = [];
      let found = 0;
      for (const el of document.querySelectorAll(".maaltal :is(h1, h2, h3, h4, th, span, caption, dt, a, li)")) {
        if (!texts.includes(el.textContent.trim())) continue;
        found++;
        const lang = el.closest("[lang]")?.lang || "";
        if (!lang.startsWith("en")) out.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" in lang="${lang}"`);
      }
      return found ? out : ["none of the English words found"];
    }, texts);
    check(wrong.length === 0, `languages/${locale}: English words not in lang="en": ${[...new Set(wrong)].slice(0, 4).join("; ")}`);
    await context.close();
  }
}

// --- beyond the automated audit (issue 21) ----------------------------------

// A chart is named by its title alone; its <desc> is its description once.
async function chartsReadTwice(page) {
  return page.evaluate(() => [...document.querySelectorAll("svg.chart")].filter((svg) => {
    const title = svg.querySelector("title");
    return svg.getAttribute("aria-labelledby") !== title?.id || svg.hasAttribute("aria-describedby");
  }).map((svg) => svg.querySelector("title")?.textContent.slice(0, 40)));
}

// On a page in another language, the project's own (Danish) words: its
// indicator names wherever they stand alone, its texts and its goals.
async function danishWithoutLang(page, labels) {
  return page.evaluate((labels) => {
    const own = new Set(labels);
    const els = [...document.querySelectorAll(".maaltal :is(h1, h2, h3, h4, th, span, section.text, .goals tbody th)")];
    return els.filter((el) => (el.matches("section.text, .goals tbody th") || own.has(el.textContent.trim())) &&
                              !(el.closest("[lang]")?.lang || "").startsWith("da"))
      .map((el) => `${el.tagName} "${el.textContent.trim().slice(0, 30)}"`);
  }, labels);
}

// One outline: a single h1 (the host's in a fragment), the dashboard's
// headings under its title, no level skipped.
async function outlineProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
    if (document.querySelectorAll("h1").length !== 1) problems.push(`${document.querySelectorAll("h1").length} h1`);
    // The dashboard's sections nest under its title (in a fragment they were h2 beside an h2 title).
    const title = document.getElementById("maaltal-titel");
    for (const h of document.querySelectorAll(".maaltal :is(h1, h2, h3, h4, h5, h6)")) {
      if (h !== title && title && h.closest(".page-header") === null && Number(h.tagName[1]) <= Number(title.tagName[1]))
        problems.push(`"${h.textContent.trim().slice(0, 30)}" (${h.tagName}) beside the title (${title.tagName})`);
    }
    let level = 0;
    for (const h of headings) {
      const next = Number(h.tagName[1]);
      if (next > level + 1) problems.push(`h${level} then h${next} "${h.textContent.trim().slice(0, 30)}"`);
      level = next;
    }
    return problems.slice(0, 5);
  });
}

const kContrastHelpers = String.raw`
  const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bgOf = (el) => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (!/rgba\(.*, 0\)|transparent/.test(c)) return rgb(c); } return [255, 255, 255]; };`;

// Under forced colours every legend key and chart mark keeps a visible paint
// (at 3:1 against the system background), and keeps its shape.
async function forcedColourProblems(page) {
  return page.evaluate((helpers) => {
    const { rgb, lum, ratio, bgOf } = eval(`(() => { ${helpers} return { rgb, lum, ratio, bgOf }; })()`);  // eslint-disable-line no-eval
    const problems = [];
    for (const key of document.querySelectorAll(".legend .key")) {
      const s = getComputedStyle(key);
      const paints = [s.borderTopWidth !== "0px" && s.borderTopStyle !== "none" ? s.borderTopColor : null,
                      s.borderLeftWidth !== "0px" && s.borderLeftStyle !== "none" ? s.borderLeftColor : null,
                      s.backgroundColor].filter((c) => c && !/rgba\(.*, 0\)|transparent/.test(c));
      if (!paints.some((c) => ratio(rgb(c), bgOf(key.parentElement)) >= 3)) problems.push(`legend key ${key.className}`);
      if (key.classList.contains("key-expected") && ratio(rgb(s.borderLeftColor), bgOf(key.parentElement)) >= 3) problems.push("the expected-now triangle is a square");
    }
    const marks = ".bar, .actual-line, .trajectory-line, .forecast-line, .target-line, .target-100, .expected-mark";
    for (const el of document.querySelectorAll(`svg.chart :is(${marks})`)) {
      const s = getComputedStyle(el);
      const paint = s.fill !== "none" && el.tagName !== "polyline" && el.tagName !== "line" ? s.fill : s.stroke;
      if (ratio(rgb(paint), bgOf(el.closest("svg"))) < 3) problems.push(`${el.getAttribute("class")} ${paint}`);
    }
    return [...new Set(problems)];
  }, kContrastHelpers);
}

// Printed from a dark scheme: text at 4.5:1 and marks at 3:1 on white, and
// the tables folded in <details> printed too.
async function printProblems(page) {
  return page.evaluate((helpers) => {
    const { rgb, lum, ratio, bgOf } = eval(`(() => { ${helpers} return { rgb, lum, ratio, bgOf }; })()`);  // eslint-disable-line no-eval
    const problems = [];
    const scope = document.querySelector(".maaltal");
    if (lum(bgOf(scope)) < 0.9) problems.push(`page background ${getComputedStyle(scope).backgroundColor}`);
    for (const el of document.querySelectorAll(".maaltal :is(p, li, td, th, dd, dt, h2, h3, strong, caption)")) {
      if (!el.textContent.trim() || el.getClientRects().length === 0) continue;
      const r = ratio(rgb(getComputedStyle(el).color), bgOf(el));
      if (r < 4.5) problems.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 20)}" ${r.toFixed(2)}:1`);
    }
    for (const el of document.querySelectorAll("svg.chart :is(.bar, .actual-line, .target-line, .expected-mark)")) {
      const s = getComputedStyle(el);
      const paint = s.fill !== "none" && el.tagName !== "polyline" && el.tagName !== "line" ? s.fill : s.stroke;
      const r = ratio(rgb(paint), bgOf(el.closest("svg")));
      if (r < 3) problems.push(`${el.getAttribute("class")} ${r.toFixed(2)}:1`);
    }
    for (const table of document.querySelectorAll("details table")) {
      if (table.getBoundingClientRect().height === 0) problems.push(`folded table "${table.caption?.textContent.slice(0, 30)}" not printed`);
    }
    return [...new Set(problems)].slice(0, 6);
  }, kContrastHelpers);
}

// At any width, a table wrapper that scrolls sideways can be reached and
// scrolled from the keyboard and is named: role=region, a name, tabindex=0.
async function unreachableScrolling(page) {
  const problems = [];
  for (const width of [320, 480, 640, 720, 832, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...await page.evaluate((w) => [...document.querySelectorAll(".table-wrap")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && !(el.getAttribute("role") === "region" && el.getAttribute("tabindex") === "0" && el.getAttribute("aria-labelledby")))
      .map((el) => `${w}px "${el.querySelector("caption")?.textContent.slice(0, 40)}"`), width));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems.slice(0, 5);
}

// Every text of a chart inside its drawing, clear of the bars and the lines
// that mark a target or the middle, and of every other text (the boxes as
// drawn on the screen, so a text in a nested drawing counts where it shows).
async function chartLabelProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const box = (el, pad = 0) => { const r = el.getBoundingClientRect(); return { left: r.left - pad, right: r.right + pad, top: r.top, bottom: r.bottom }; };
    for (const svg of document.querySelectorAll("svg.chart")) {
      if (svg.getClientRects().length === 0) continue;  // in a closed <details>
      const edge = box(svg);
      const name = svg.querySelector("title").textContent.slice(0, 30);
      const marks = [...svg.querySelectorAll(".bar, .target-100, .target-line, .expected-mark, .grid-middle")].map((m) => box(m, 1));
      const texts = [...svg.querySelectorAll("text")];
      const boxes = texts.map((t) => box(t));
      texts.forEach((t, k) => {
        const b = boxes[k];
        if (b.left < edge.left - 0.5 || b.right > edge.right + 0.5 || b.top < edge.top - 0.5 || b.bottom > edge.bottom + 0.5)
          problems.push(`${name}: "${t.textContent}" cut at the edge`);
        if (marks.some((m) => meets(b, m))) problems.push(`${name}: "${t.textContent}" over a bar or a line`);
      });
      // A survey segment's count inside its segment.
      for (const t of svg.querySelectorAll(".seg-text")) {
        const b = box(t), seg = box(t.parentElement.querySelector(".seg"), 1);
        if (b.left < seg.left || b.right > seg.right) problems.push(`${name}: count "${t.textContent}" wider than its segment`);
      }
      // No two texts over each other (a row chart's name and value share a line).
      for (let a = 0; a < texts.length; a++)
        for (let b = a + 1; b < texts.length; b++)
          if (meets(boxes[a], boxes[b])) problems.push(`${name}: "${texts[a].textContent}" over "${texts[b].textContent}"`);
    }
    return [...new Set(problems)].slice(0, 5);
  });
}

// No cell is only a symbol that speech drops or misreads: "–" and "<5" come
// with words, and an age band "18–29" is said as "18 til 29 år".
async function silentSymbols(page) {
  return page.evaluate(() => [...document.querySelectorAll("td, th")]
    .filter((c) => /^(–|\d+–\d+|<\d+)$/.test(c.textContent.trim())).length);
}

// What speech reads for a hidden count: no "<5" in a chart's description
// ("Fanø: under 5 af 2"), none where a percentage belongs ("<5 %"), and the
// mark explained on the page.
async function hiddenCountProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    for (const desc of document.querySelectorAll("svg desc")) {
      if (/<\d/.test(desc.textContent)) problems.push(`chart description "${desc.textContent.slice(0, 60)}"`);
    }
    if (/<\d+\s*%/.test(document.body.textContent)) problems.push('"<5 %" where a percentage belongs');
    const marks = [...document.querySelectorAll("td")].filter((c) => /^<\d+/.test(c.textContent.trim()));
    if (marks.length && !/«<\d+»|“<\d+”/.test(document.body.textContent)) problems.push('"<5" not explained on the page');
    return problems;
  });
}

// What a keyboard user crosses, and the names a screen reader lists regions by.
async function navigationFigures(page) {
  return page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0;
    const stops = [...document.querySelectorAll("a[href], summary, [tabindex='0'], button, input")].filter(visible).length;
    const nameOf = (el) => el.getAttribute("aria-label") ||
      (el.getAttribute("aria-labelledby") || "").split(/\s+/).map((id) => document.getElementById(id)?.textContent.trim() || "").join(" ");
    const names = [...document.querySelectorAll("section[aria-labelledby], section[aria-label], [role='region']")].map(nameOf);
    const seen = new Map();
    for (const n of names) seen.set(n, (seen.get(n) || 0) + 1);
    return { stops, duplicates: [...seen].filter(([, k]) => k > 1).map(([n, k]) => `"${n.slice(0, 40)}" ×${k}`) };
  });
}

async function auditBeyond(page, label, labels, english) {
  const twice = await chartsReadTwice(page);
  check(twice.length === 0, `${label}: ${twice.length} charts named by title and description: ${twice.slice(0, 2).join("; ")}`);
  if (english) {
    const untagged = await danishWithoutLang(page, labels);
    check(untagged.length === 0, `${label}: Danish without lang="da": ${untagged.slice(0, 4).join("; ")}`);
    const reasons = await reasonsWithoutLang(page, labels.reasons || []);
    check(reasons.length === 0, `${label}: revision reasons without lang="da": ${reasons.join("; ")}`);
  }
  const abbreviations = await abbreviationProblems(page);
  check(abbreviations.length === 0, `${label}: ${abbreviations.join("; ")}`);
  const outline = await outlineProblems(page);
  check(outline.length === 0, `${label}: heading outline: ${outline.join("; ")}`);
  const chartLabels = await chartLabelProblems(page);
  check(chartLabels.length === 0, `${label}: chart labels: ${chartLabels.join("; ")}`);
  const selfLinks = await page.evaluate(() => document.querySelectorAll("a[href='']").length);
  check(selfLinks === 0, `${label}: ${selfLinks} links to nowhere (href="")`);
  const silent = await silentSymbols(page);
  check(silent === 0, `${label}: ${silent} cells are a bare "–", "<5" or age band`);
  const hiddenCounts = await hiddenCountProblems(page);
  check(hiddenCounts.length === 0, `${label}: hidden counts: ${hiddenCounts.join("; ")}`);
  const scrolling = await unreachableScrolling(page);
  check(scrolling.length === 0, `${label}: scrolls without a focusable named region: ${scrolling.join("; ")}`);
  await page.emulateMedia({ forcedColors: "active" });
  const forced = await forcedColourProblems(page);
  check(forced.length === 0, `${label} (forced colours): ${forced.join("; ")}`);
  await page.emulateMedia({ forcedColors: "none", media: "print", colorScheme: "dark" });
  const printed = await printProblems(page);
  check(printed.length === 0, `${label} (print, dark scheme): ${printed.join("; ")}`);
  await page.emulateMedia({ media: "screen", colorScheme: "light" });
}

// What the markup checks cannot see (the rest of issue 21): the names and
// descriptions in Chromium's accessibility tree, 200 % zoom on a laptop,
// the text-spacing override and a larger default font size.
async function auditBeyondMarkup(page, label) {
  const tree = await accessibilityTreeProblems(page);
  check(tree.length === 0, `${label}: accessibility tree: ${tree.join("; ")}`);
  const zoom = await zoomProblems(page);
  check(zoom.length === 0, `${label}: at 1366 px and 200 % zoom: ${zoom.join("; ")}`);
  const spacing = await textSpacingProblems(page);
  check(spacing.length === 0, `${label} (text spacing): ${spacing.join("; ")}`);
  const fonts = await fontSizeProblems(page);
  check(fonts.length === 0, `${label} (24 px default font): ${fonts.join("; ")}`);
}

// The project's own indicator and funnel names, for the lang check.
function ownLabels(projectFile) {
  const project = JSON.parse(fs.readFileSync(projectFile, "utf8"));
  // Funnels are named by the project too (their heading and table caption).
  const labels = [...(project.indicators || []), ...(project.funnels || [])].map((i) => i.label).filter(Boolean);
  // The reasons given for revised targets, the project's own Danish words too.
  // (A targets file of its own, {"file": …}, is a table of plain targets.)
  labels.reasons = (Array.isArray(project.targets) ? project.targets : []).map((t) => t.reason).filter(Boolean);
  return labels;
}

// Each target revision's reason on an English page is in lang="da" (it was
// joined into the English sentence about the revision).
async function reasonsWithoutLang(page, reasons) {
  return page.evaluate((reasons) => {
    const problems = [];
    for (const li of document.querySelectorAll("ul.revisions li")) {
      for (const reason of reasons.filter((r) => li.textContent.includes(r))) {
        const tagged = [...li.querySelectorAll("[lang]")].some((el) => el.lang.startsWith("da") && el.textContent.includes(reason));
        if (!tagged) problems.push(`"${reason.slice(0, 40)}"`);
      }
    }
    return problems;
  }, reasons);
}

// The abbreviations the locales expand ("expansion_STAR" in
// config/locale/*.json): each is an <abbr> with its expansion, in the text
// too, where a page first uses it (in the header, a table, a reason or the
// pool's list of projects).
const kAbbreviations = [...new Set(["da", "en"].flatMap((code) =>
  Object.keys(JSON.parse(fs.readFileSync(path.join(root, "config", "locale", `${code}.json`), "utf8")))
    .filter((key) => key.startsWith("expansion_")).map((key) => key.slice("expansion_".length))))];

async function abbreviationProblems(page) {
  return page.evaluate((abbreviations) => {
    const problems = [];
    for (const abbreviation of abbreviations) {
      const word = new RegExp(`(^|[^\\p{L}])${abbreviation}s?($|[^\\p{L}])`, "u");
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!word.test(node.data) || node.parentElement.closest("title, desc, style, .vh")) continue;
        const abbr = node.parentElement.closest("abbr[title]");
        if (!abbr) problems.push(`first "${abbreviation}" is no <abbr>: "${node.data.trim().slice(0, 50)}"`);
        else if (!abbr.parentElement.textContent.includes(abbr.title)) problems.push(`"${abbreviation}" without "${abbr.title}" in the text`);
        break;
      }
    }
    return problems;
  }, kAbbreviations);
}

// --- the accessibility tree, as a screen reader gets it -----------------------

// Chromium's own accessibility tree (CDP Accessibility.getFullAXTree): the
// computed names and descriptions, not the markup they come from.
async function accessibilityTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes.filter((n) => !n.ignored);
  } finally {
    await cdp.detach();
  }
}

const axText = (property) => (property && property.value !== undefined ? String(property.value).replace(/\s+/g, " ").trim() : "");
const kLandmarkRoles = new Set(["banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"]);

// In the tree: each chart (an image) is named by its title alone and
// described by its <desc> once; no two landmarks or regions share a role and
// name (a region always has one); no cell speaks a bare "–", "<5" or age band.
async function accessibilityTreeProblems(page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  const charts = await page.evaluate(() => [...document.querySelectorAll("svg.chart")].map((svg) => ({
    title: (svg.querySelector("title")?.textContent || "").replace(/\s+/g, " ").trim(),
    desc: (svg.querySelector("desc")?.textContent || "").replace(/\s+/g, " ").trim(),
  })));
  const nodes = await accessibilityTree(page);
  const problems = [];
  // (A chart folded in a closed <details> is not in the tree until opened.)
  const images = nodes.filter((n) => axText(n.role) === "image");
  if (images.length === 0 && charts.length) problems.push(`no chart in the tree of ${charts.length}`);
  for (const node of images) {
    const name = axText(node.name);
    const description = axText(node.description);
    const chart = charts.find((c) => c.title === name);
    if (!chart) problems.push(`a chart named "${name.slice(0, 70)}", not by a chart's title`);
    else if (description !== chart.desc) problems.push(`chart "${chart.title.slice(0, 30)}" described as "${description.slice(0, 60)}"`);
  }
  const landmarks = new Map();
  for (const node of nodes) {
    const role = axText(node.role);
    if (!kLandmarkRoles.has(role)) continue;
    const key = `${role} "${axText(node.name).slice(0, 50)}"`;
    if (role === "region" && !axText(node.name)) problems.push("a region without a name");
    landmarks.set(key, (landmarks.get(key) || 0) + 1);
  }
  for (const [key, count] of landmarks) if (count > 1) problems.push(`${count} × ${key}`);
  for (const node of nodes) {
    if (!["cell", "gridcell", "rowheader", "columnheader"].includes(axText(node.role))) continue;
    const name = axText(node.name);
    const symbol = /(^|\s)(–|<\s?\d+)(\s|$)|\d–\d/.test(name);
    if (symbol && !/\p{L}{2,}/u.test(name)) problems.push(`a cell is spoken "${name}"`);
  }
  return [...new Set(problems)].slice(0, 6);
}

// The stops a keyboard user crosses, by pressing Tab from the top until the
// focus leaves the page or comes back round.
async function tabStopsWalked(page, limit) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  let stops = 0;
  for (; stops <= limit; stops++) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return "out";
      if (el.hasAttribute("data-audit-tabbed")) return "again";
      el.setAttribute("data-audit-tabbed", "");
      return "new";
    });
    if (where !== "new") break;
  }
  await page.evaluate(() => document.querySelectorAll("[data-audit-tabbed]").forEach((el) => el.removeAttribute("data-audit-tabbed")));
  return stops;
}

// --- zoom, text spacing and the reader's font size ----------------------------

// A 1366 × 768 laptop at 200 % zoom lays the page out at 683 × 384 CSS px:
// no sideways scrolling of the page, and in every results table the Status
// column (the last) is in view without scrolling the table.
async function zoomProblems(page) {
  await page.setViewportSize({ width: 683, height: 384 });
  const problems = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > innerWidth) out.push(`page ${document.documentElement.scrollWidth}px wide`);
    for (const table of document.querySelectorAll(".maaltal table")) {
      const wrap = table.closest(".table-wrap") || table.parentElement;
      const right = Math.min(wrap.getBoundingClientRect().right, innerWidth);
      for (const cell of table.querySelectorAll("td.status, th.text-col")) {
        if (cell.getClientRects().length && cell.getBoundingClientRect().right > right + 1) {
          out.push(`"${table.caption?.textContent.trim().slice(0, 40)}": ${cell.textContent.trim().slice(0, 20) || "Status"} out of view`);
          break;
        }
      }
    }
    return out;
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems.slice(0, 5);
}

// WCAG 1.4.12: the text-spacing bookmarklet's overrides.
const kTextSpacing = `* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }`;

// With the text-spacing override, at 320, 683 and 1280 px: no text clipped
// by a box that hides its overflow, no page scrolling sideways. The override
// is taken away afterwards.
async function textSpacingProblems(page) {
  const style = await page.addStyleTag({ content: kTextSpacing });
  const problems = [];
  for (const width of [320, 683, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...await page.evaluate((w) => {
      const out = [];
      if (document.documentElement.scrollWidth > w) out.push(`${w}px: page ${document.documentElement.scrollWidth}px wide`);
      for (const el of document.querySelectorAll(".maaltal *")) {
        if (el.closest(".vh, svg, thead") || !el.textContent.trim() || el.getClientRects().length === 0) continue;
        const s = getComputedStyle(el);
        const clipsX = /hidden|clip/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
        const clipsY = /hidden|clip/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
        if (clipsX || clipsY || (s.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1))
          out.push(`${w}px: ${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" clipped`);
      }
      return out;
    }, width));
    // Spaced out, a chart's text still stays inside its drawing, off the
    // marks and off other text ("Ringkøbing-Skjern" once ran past the edge).
    problems.push(...(await chartLabelProblems(page)).map((p) => `${width}px: chart: ${p}`));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await style.evaluate((el) => el.remove());
  return [...new Set(problems)].slice(0, 6);
}

// The height of every chart text as drawn (a chart is drawn in the page's
// units, never scaled as a picture, so every text counts at every width).
async function chartTextSizes(page) {
  return page.evaluate(() => [...document.querySelectorAll("svg.chart text")].map((t) => t.getBoundingClientRect().height));
}

// A word of chart text (the figure's title, legend and caption), of a key
// figure's name or of a table's head broken over two lines: "Målopfyldel|se".
// (A text's own table may break a long word on a phone rather than scroll.)
async function brokenWords(page) {
  return page.evaluate(() => {
    const broken = [];
    for (const scope of document.querySelectorAll(".maaltal :is(figure, .chart-title, thead th, .legend, .tile h3)")) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest(".vh, svg, .text")) continue;
        for (const m of node.data.matchAll(/[^\s\-–/]+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(`"${m[0]}"`);
        }
      }
    }
    return [...new Set(broken)].slice(0, 5);
  });
}

// With the browser's default font size at 24 px (Chromium's font-size
// setting, CDP Page.setFontSizes), every chart text is drawn at least 1.4
// times as tall as at 16 px, at 1280 and at 375 px, still clear of the marks
// and inside its drawing, and no word of it is broken over lines.
async function fontSizeProblems(page) {
  const cdp = await page.context().newCDPSession(page);
  const problems = [];
  try {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await cdp.send("Page.setFontSizes", { fontSizes: { standard: 16, fixed: 13 } });
      const before = await chartTextSizes(page);
      await cdp.send("Page.setFontSizes", { fontSizes: { standard: 24, fixed: 20 } });
      const after = await chartTextSizes(page);
      const small = after.filter((h, k) => h < before[k] * 1.4).length;
      if (small) problems.push(`${width}px: ${small} of ${after.length} chart texts do not grow with the font size`);
      problems.push(...(await chartLabelProblems(page)).map((p) => `${width}px: ${p}`));
      problems.push(...(await brokenWords(page)).map((w) => `${width}px: ${w} broken mid-word`));
    }
  } finally {
    await cdp.send("Page.setFontSizes", { fontSizes: { standard: 16, fixed: 13 } });
    await cdp.detach();
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  return problems.slice(0, 6);
}

// --- the Nu HTML Checker ----------------------------------------------------

function vnuErrors(files) {
  let output;
  try {
    output = execFileSync("java", ["-jar", vnuJar, "--errors-only", "--format", "json", "--stdout", ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (e) {
    output = e.stdout;  // vnu exits non-zero when it reports errors
  }
  return JSON.parse(output).messages.map((m) => `${path.relative(outDir, fileURLToPath(m.url))}:${m.lastLine}: ${m.message}`);
}

// --- the run ----------------------------------------------------------------

async function main() {
  if (!bin) throw new Error("set MAALTAL_BIN to the maaltal binary");
  // MAALTAL_AUDIT_SAMPLE=name audits that sample alone ("national": the national project alone), for a quick look.
  const samples = fs.readdirSync(path.join(root, "sample-data")).filter((s) => fs.existsSync(path.join(root, "sample-data", s, "project.json")))
    .filter((s) => !process.env.MAALTAL_AUDIT_SAMPLE || s === process.env.MAALTAL_AUDIT_SAMPLE).sort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const allPages = [];
  if (kShotsOnly) {
    try {
      for (const sample of samples) await screenshot(browser, build(sample, "da", "single")[0], sample);
      if (!process.env.MAALTAL_AUDIT_SAMPLE) await screenshot(browser, buildPool("da"), "pulje-handicap");
    } finally {
      await browser.close();
    }
    return;
  }
  try {
    for (const sample of samples) {
      for (const locale of kQuick ? ["da"] : ["da", "en"]) {
        for (const form of kQuick ? ["single"] : ["single", "site", "fragment"]) {
          const pages = build(sample, locale, form);
          check(pages.length > 0, `${sample}/${locale}/${form}: no page written`);
          const labels = ownLabels(path.join(root, "sample-data", sample, "project.json"));
          for (const file of pages) {
            await auditPage(browser, file, `${sample}/${locale}/${form}/${path.basename(file)}`, form !== "fragment", labels, locale !== "da");
            allPages.push(file);
          }
          if (form === "single") {
            const bytes = fs.statSync(pages[0]).size;
            check(bytes < kMaxSingleFileBytes, `${sample}/${locale}: index.html is ${bytes} bytes, over ${kMaxSingleFileBytes}`);
            console.log(`${sample}/${locale}: single-file dashboard ${(bytes / 1024).toFixed(1)} KB`);
            if (locale === "da") await screenshot(browser, pages[0], sample);
          }
        }
      }
    }
    for (const locale of kQuick ? [] : ["da", "en"]) {
      const page = buildPool(locale);
      await auditPage(browser, page, `pulje-handicap/${locale}/index.html`, true);
      allPages.push(page);
      if (locale === "da") await screenshot(browser, page, "pulje-handicap");
    }
    if ([undefined, "national"].includes(process.env.MAALTAL_AUDIT_SAMPLE)) await auditNational(browser, allPages);
    if ([undefined, "job-og-trivsel", "languages"].includes(process.env.MAALTAL_AUDIT_SAMPLE)) await auditOwnLanguages(browser, allPages);
    // With --previous: the key figures' movement and "since the last report".
    const may = path.join(outDir, "previous-report");
    execFileSync(bin, ["build", path.join("sample-data", "smaa-mellemstore", "project.json"), "--out", may, "--as-of", "2019-05-31"],
                 { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: "1656662400" }, stdio: "pipe" });
    const since = ["--as-of", "2019-07-31", "--previous", path.join(may, "summary.json")];
    for (const locale of kQuick ? [] : ["da", "en"]) {
      for (const form of ["single", "site"]) {
        for (const file of build("smaa-mellemstore", locale, form, since, "previous")) {
          await auditPage(browser, file, `previous/${locale}/${form}/${path.basename(file)}`, true);
          allPages.push(file);
          if (locale === "da" && form === "single") await screenshot(browser, file, "smaa-mellemstore-previous");
        }
      }
    }
  } finally {
    await browser.close();
  }
  const errors = vnuErrors(allPages);
  check(errors.length === 0, `Nu HTML Checker: ${errors.slice(0, 20).join("\n  ")}`);
  console.log(`${allPages.length} pages audited`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
