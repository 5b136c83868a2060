// The e-mail alert form and pages in Debian's Chromium (playwright-core), checked with axe-core at 1280 and 390 px.
//
// Usage: node tests/alerts/alert_pages.mjs '<json config>'
//   config: {base, executable?, screenshots_dir?, mode: "subscribe" | "links", emails?: [desktop, mobile],
//            confirm_url?, unsubscribe_url?}
// "subscribe": on the search page, search with JavaScript (the address bar changes without a reload), then ask for
// a weekly alert; also a wrong address (the Dutch error, the field marked). "links": the confirmation link, its
// button, the unsubscribe link and its button. Prints {ok, checks, axe, screenshots, console_errors}; exits 0 only when every check
// passed, no page has a serious or critical axe violation and no page logged a JavaScript error.

import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not govern.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(process.argv[2] || "{}");
const BASE = config.base;
const SHOTS = config.screenshots_dir || null;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const WIDTHS = [{ name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "mobile", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }];
const SERIOUS = new Set(["serious", "critical"]);
const report = { ok: true, checks: [], axe: [], screenshots: [], console_errors: [] };
let flow = "setup";

function check(name, ok, detail = "") {
  report.checks.push({ flow, name, ok: !!ok, detail: String(detail).slice(0, 500) });
  if (!ok) report.ok = false;
}

async function axe(page, name, width, include = null) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (sel) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(sel ? { include: [sel] } : document,
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")), count: v.nodes.length }));
  }, include);
  const serious = result.filter((v) => SERIOUS.has(v.impact));
  report.axe.push({ page: name, url: page.url(), width, violations: result, serious: serious.length });
  if (serious.length) report.ok = false;
}

async function shot(page, name, locator = null) {
  if (!SHOTS) return;
  const path = join(SHOTS, `${name}.png`);
  if (locator) await locator.screenshot({ path });
  else await page.screenshot({ path, fullPage: false });
  report.screenshots.push(path);
}

async function open(browser, spec) {
  const context = await browser.newContext({ viewport: spec.viewport, isMobile: !!spec.isMobile,
    hasTouch: !!spec.hasTouch, deviceScaleFactor: spec.deviceScaleFactor || 1, locale: "nl-NL" });
  const page = await context.newPage();
  page.on("pageerror", (err) => report.console_errors.push(`${spec.name}: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/status of 4(04|22|29)/.test(msg.text())) report.console_errors.push(`${spec.name} ${page.url()}: ${msg.text()}`);
  });
  return { context, page };
}

const h1 = async (page) => ((await page.textContent("h1")) || "").trim();

const browser = await chromium.launch({ executablePath: config.executable || "/usr/bin/chromium", headless: true, args: ARGS });
try {
  if (config.mode === "subscribe") {
    for (const [i, spec] of WIDTHS.entries()) {
      flow = `subscribe ${spec.name}`;
      const { context, page } = await open(browser, spec);
      try {
        await page.goto(`${BASE}/?q=tandarts`, { waitUntil: "load" });
        const box = page.locator("section.alert-box");
        check("the alert form is on the search page", await box.count() === 1);
        await axe(page, `search page alert form (${spec.name})`, spec.viewport.width, "section.alert-box");
        // A wrong address: the Dutch error, the field marked and described, the search kept.
        await page.fill("#alert-email", "geen-adres");
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("section.alert-box button[type=submit]")]);
        check("a wrong address is refused in Dutch", (await page.textContent("#alert-error") || "").includes("geen geldig e-mailadres"));
        check("the field is marked invalid", await page.getAttribute("#alert-email", "aria-invalid") === "true");
        await axe(page, `alert form with an error (${spec.name})`, spec.viewport.width);
        // Search with JavaScript (the results and the address bar change, the page does not reload), then subscribe.
        await page.goto(`${BASE}/?q=tandarts`, { waitUntil: "load" });
        await page.fill("#q", "kroon");
        await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "kroon", null, { timeout: 8000 });
        await page.fill("#alert-email", config.emails[i]);
        await page.check("input[name=frequency][value=weekly]");
        await box.scrollIntoViewIfNeeded();
        await shot(page, `alert-form-${spec.name}`, box);
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("section.alert-box button[type=submit]")]);
        check("the answer is 'Controleer uw e-mail'", await h1(page) === "Controleer uw e-mail", await h1(page));
        check("the answer names the search from the address bar", (await page.textContent("main")).includes("‘kroon’"));
        await axe(page, `check your e-mail (${spec.name})`, spec.viewport.width);
      } catch (err) {
        check("flow completed", false, (err && err.stack) || err);
      } finally {
        await context.close();
      }
    }
  } else if (config.mode === "links") {
    for (const spec of WIDTHS) {
      flow = `links ${spec.name}`;
      const { context, page } = await open(browser, spec);
      try {
        const confirm = spec.name === "desktop" ? config.confirm_url : config.confirm_url_mobile;
        await page.goto(confirm, { waitUntil: "load" });
        check("the confirmation link shows a button", await h1(page) === "E-mailalert bevestigen", await h1(page));
        await axe(page, `confirm (${spec.name})`, spec.viewport.width);
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
        check("confirmed", await h1(page) === "Bevestigd", await h1(page));
        await axe(page, `confirmed (${spec.name})`, spec.viewport.width);
        if (spec.name === "desktop") {
          // Opening the link (as a mail scanner would) only asks; the button ends the alert.
          await page.goto(config.unsubscribe_url, { waitUntil: "load" });
          check("the unsubscribe link shows a button", await h1(page) === "Afmelden voor e-mailalert", await h1(page));
          await axe(page, `unsubscribe (${spec.name})`, spec.viewport.width);
          await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
          check("unsubscribed with the button", await h1(page) === "Afgemeld", await h1(page));
          await axe(page, `unsubscribed (${spec.name})`, spec.viewport.width);
        }
      } catch (err) {
        check("flow completed", false, (err && err.stack) || err);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
if (report.console_errors.length) report.ok = false;
process.stdout.write(JSON.stringify(report));
process.exit(report.ok ? 0 : 1);
