// The API documentation pages (/docs: Swagger UI, /redoc: ReDoc) in Debian's Chromium, under the app's real
// Content-Security-Policy, with every request outside the server refused (as offline).
// Usage: node docs_pages.mjs '{"base": "http://127.0.0.1:PORT", "executable": "/usr/bin/chromium"}'
// Prints {pages: [{path, rendered, operations, console_errors, csp_violations, outside_requests}]}.
import { ARGS } from "./harness.mjs";
import { chromium } from "playwright-core";

const config = JSON.parse(process.argv[2] || "{}");
const PAGES = [
  { path: "/docs", ready: ".swagger-ui .opblock", count: ".swagger-ui .opblock" },
  { path: "/redoc", ready: "[data-section-id^='operation/'], [data-section-id^='tag/']", count: "[data-section-id^='operation/']" },
];

const browser = await chromium.launch({ executablePath: config.executable || "/usr/bin/chromium", args: ARGS });
const report = { pages: [] };
try {
  for (const spec of PAGES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const entry = { path: spec.path, rendered: false, operations: 0, console_errors: [], csp_violations: [],
      outside_requests: [] };
    page.on("console", (msg) => { if (msg.type() === "error") entry.console_errors.push(msg.text().slice(0, 300)); });
    page.on("pageerror", (err) => entry.console_errors.push(String(err.message).slice(0, 300)));
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(config.base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      entry.outside_requests.push(url);
      return route.abort();
    });
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(config.base + spec.path, { waitUntil: "load" });
    try {
      await page.waitForSelector(spec.ready, { timeout: 20000 });
      entry.rendered = true;
    } catch (err) {
      entry.rendered = false;
    }
    await page.waitForTimeout(500);
    entry.operations = await page.locator(spec.count).count();
    entry.csp_violations = await page.evaluate(() => window.__csp || []);
    report.pages.push(entry);
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
