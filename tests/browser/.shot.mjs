import { chromium } from "playwright-core";
const [file, out, width, height] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const p = await (await b.newContext({ viewport: { width: +width, height: +height } })).newPage();
await p.goto("file://" + file);
await p.screenshot({ path: out, fullPage: false });
await b.close();
