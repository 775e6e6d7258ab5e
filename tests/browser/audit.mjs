// The dashboard as a browser shows it. Builds every sample in every form
// (single, site, fragment) and both languages, then opens each page in
// Debian's Chromium through playwright-core and checks:
//   - axe-core finds no WCAG 2.1 A/AA violation, in the light and dark scheme;
//   - no request leaves the file (self-contained), and no script is needed;
//   - landmarks, a skip link first in the tab order, a visible focus ring;
//   - no horizontal scrolling at 320 CSS px and at 640 (1280 at 200 % zoom);
//   - chart marks at 3:1 against the background, in both schemes;
//   - the print stylesheet keeps figures whole;
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
const kMaxSingleFileBytes = 150 * 1024;
const kWcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

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
                     "--locale", locale, "--dashboard", form, ...extra],
               { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: "1656662400" }, stdio: "pipe" });
  if (form === "fragment") return [hostPage(dir, locale)];
  return fs.readdirSync(dir).filter((f) => f === "index.html" || /^kommune-.*\.html$/.test(f)).sort().map((f) => path.join(dir, f));
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

async function auditPage(browser, file, label, standalone) {
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

  await page.emulateMedia({ media: "print" });
  const cut = await page.evaluate(() => [...document.querySelectorAll("figure")].filter((f) => getComputedStyle(f).breakInside !== "avoid").length);
  check(cut === 0, `${label}: ${cut} figures may be cut across printed pages`);
  await page.emulateMedia({ media: "screen" });
  await context.close();
}

async function screenshot(browser, file, name) {
  fs.mkdirSync(screenshots, { recursive: true });
  for (const width of [375, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: "light" });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    // JPEG keeps the copies kept in docs/ small.
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.jpg`), fullPage: true, type: "jpeg", quality: 70 });
    await context.close();
  }
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
  const samples = fs.readdirSync(path.join(root, "sample-data")).filter((s) => fs.existsSync(path.join(root, "sample-data", s, "project.json"))).sort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const allPages = [];
  try {
    for (const sample of samples) {
      for (const locale of ["da", "en"]) {
        for (const form of ["single", "site", "fragment"]) {
          const pages = build(sample, locale, form);
          check(pages.length > 0, `${sample}/${locale}/${form}: no page written`);
          for (const file of pages) {
            await auditPage(browser, file, `${sample}/${locale}/${form}/${path.basename(file)}`, form !== "fragment");
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
    // With --previous: the key figures' movement and "since the last report".
    const may = path.join(outDir, "previous-report");
    execFileSync(bin, ["build", path.join("sample-data", "smaa-mellemstore", "project.json"), "--out", may, "--as-of", "2019-05-31"],
                 { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: "1656662400" }, stdio: "pipe" });
    const since = ["--as-of", "2019-07-31", "--previous", path.join(may, "summary.json")];
    for (const locale of ["da", "en"]) {
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
