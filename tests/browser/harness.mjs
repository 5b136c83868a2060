// What every browser script shares: Debian's Chromium launched the way this machine needs, the report every script
// prints ({ok, checks, axe, screenshots, console_errors, ...}), checks grouped by flow, axe-core (WCAG 2.1 A/AA and
// best practices; a no-JavaScript page is checked in a scripted copy) and screenshots. tests/browser/harness.py
// runs a script and reads its report.
//
//   const h = harness(config, { extra report fields });
//   const browser = await h.launch();
//   await h.run("flow name", async () => { ...; h.check("what holds", ok, detail); await h.axe(page, "page"); });
//   h.finish(browser);   // closes the browser, prints the report, exits 0 only when everything held

import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, which the pages' Content-Security-Policy (script-src 'self', no inline
// script) does not govern; page.addScriptTag inserts an inline <script>, which that policy rightly blocks.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
// The launch flags this machine needs (see .library/env/machines/python-svc.md): no background networking.
export const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 390, height: 844 };
const SERIOUS = new Set(["serious", "critical"]);
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

export function harness(config, extra = {}) {
  const report = { ok: true, checks: [], axe: [], screenshots: [], console_errors: [], ...extra };
  let checker = null;  // a scripted page that holds copies of no-JavaScript pages for axe
  const h = {
    report,
    flow: "setup",
    config,

    async launch() {
      // playwright gives every launch a fresh temporary --user-data-dir of its own (and refuses one in args).
      h.browser = await chromium.launch({ executablePath: config.executable || "/usr/bin/chromium", headless: true,
        args: ARGS });
      return h.browser;
    },

    check(name, ok, detail = "") {
      report.checks.push({ flow: h.flow, name, ok: !!ok, detail: String(detail).slice(0, 500) });
      if (!ok) report.ok = false;
    },

    async run(name, fn) {
      h.flow = name;
      try {
        await fn();
      } catch (err) {
        h.check("flow completed", false, (err && err.stack) || err);
      }
    },

    // JavaScript errors of a page go in the report (except those ``ignore(page, message)`` expects).
    watch(page, label, ignore = () => false) {
      page.on("pageerror", (err) => report.console_errors.push(`${label}: ${err.message}`));
      page.on("console", (msg) => {
        if (msg.type() === "error" && !ignore(page, msg.text())) report.console_errors.push(`${label} ${page.url()}: ${msg.text()}`);
      });
      return page;
    },

    // axe on ``page`` (only ``include`` when given); ``copy``: the page runs without JavaScript, so axe runs in a
    // scripted copy of its HTML (scripts removed) on the same origin.
    async axe(page, name, { width = null, include = null, copy = false } = {}) {
      let target = page;
      if (copy) {
        if (!checker) checker = await h.browser.newPage({ viewport: DESKTOP });
        const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, "");
        await checker.goto(new URL("/over", page.url()).href);
        await checker.setContent(html, { waitUntil: "load" });
        target = checker;
      }
      await target.evaluate(AXE_SOURCE);
      const violations = await target.evaluate(async ([sel, tags]) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(sel ? { include: [sel] } : document, { runOnly: { type: "tag", values: tags } });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")), count: v.nodes.length }));
      }, [include, AXE_TAGS]);
      const serious = violations.filter((v) => SERIOUS.has(v.impact)).length;
      report.axe.push({ page: name, url: page.url(), width, violations, serious });
      if (serious) report.ok = false;
    },

    async shot(page, name, locator = null) {
      if (!config.screenshots_dir) return;
      const path = join(config.screenshots_dir, `${name}.png`);
      if (locator) await locator.screenshot({ path });
      else await page.screenshot({ path, fullPage: false });
      report.screenshots.push(path);
    },

    async finish() {
      if (h.browser) await h.browser.close();
      if (report.console_errors.length) report.ok = false;
      process.stdout.write(JSON.stringify(report) + "\n");
      process.exit(report.ok ? 0 : 1);
    },
  };
  return h;
}
