// The e-mail alert form and pages in Debian's Chromium (playwright-core), checked with axe-core at 1280 and 390 px.
//
// Usage: node tests/alerts/alert_pages.mjs '<json config>'
//   config: {base, executable?, screenshots_dir?, mode: "subscribe" | "links", emails?: [desktop, mobile],
//            confirm_url?, unsubscribe_url?}
// "subscribe": on the search page, search with JavaScript (the address bar changes without a reload), then ask for
// a weekly alert; also a wrong address (the Dutch error, the field marked). "links": the confirmation link, its
// button, the unsubscribe link and its button. Prints {ok, checks, axe, screenshots, console_errors}; exits 0 only when every check
// passed, no page has a serious or critical axe violation and no page logged a JavaScript error.

import { harness, DESKTOP, MOBILE } from "../browser/harness.mjs";

const config = JSON.parse(process.argv[2] || "{}");
const BASE = config.base;
const WIDTHS = [{ name: "desktop", viewport: DESKTOP },
  { name: "mobile", viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }];
const h = harness(config);

async function open(browser, spec) {
  const context = await browser.newContext({ viewport: spec.viewport, isMobile: !!spec.isMobile,
    hasTouch: !!spec.hasTouch, deviceScaleFactor: spec.deviceScaleFactor || 1, locale: "nl-NL" });
  // the deliberate 4xx answers (a refused address) log their status as a console error
  const page = h.watch(await context.newPage(), spec.name, (_page, text) => /status of 4(04|22|29)/.test(text));
  return { context, page };
}

const h1 = async (page) => ((await page.textContent("h1")) || "").trim();

const browser = await h.launch();
try {
  if (config.mode === "subscribe") {
    for (const [i, spec] of WIDTHS.entries()) {
      h.flow = `subscribe ${spec.name}`;
      const { context, page } = await open(browser, spec);
      try {
        await page.goto(`${BASE}/?q=tandarts`, { waitUntil: "load" });
        const box = page.locator("section.alert-box");
        h.check("the alert form is on the search page", await box.count() === 1);
        await h.axe(page, `search page alert form (${spec.name})`, { width: spec.viewport.width, include: "section.alert-box" });
        // A wrong address: the Dutch error, the field marked and described, the search kept.
        await page.fill("#alert-email", "geen-adres");
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("section.alert-box button[type=submit]")]);
        h.check("a wrong address is refused in Dutch", (await page.textContent("#alert-error") || "").includes("geen geldig e-mailadres"));
        h.check("the field is marked invalid", await page.getAttribute("#alert-email", "aria-invalid") === "true");
        await h.axe(page, `alert form with an error (${spec.name})`, { width: spec.viewport.width });
        // Search with JavaScript (the results and the address bar change, the page does not reload), then subscribe.
        await page.goto(`${BASE}/?q=tandarts`, { waitUntil: "load" });
        await page.fill("#q", "kroon");
        await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "kroon", null, { timeout: 8000 });
        await page.fill("#alert-email", config.emails[i]);
        await page.check("input[name=frequency][value=weekly]");
        await box.scrollIntoViewIfNeeded();
        await h.shot(page, `alert-form-${spec.name}`, box);
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("section.alert-box button[type=submit]")]);
        h.check("the answer is 'Controleer uw e-mail'", await h1(page) === "Controleer uw e-mail", await h1(page));
        h.check("the answer names the search from the address bar", (await page.textContent("main")).includes("‘kroon’"));
        await h.axe(page, `check your e-mail (${spec.name})`, { width: spec.viewport.width });
      } catch (err) {
        h.check("flow completed", false, (err && err.stack) || err);
      } finally {
        await context.close();
      }
    }
  } else if (config.mode === "links") {
    for (const spec of WIDTHS) {
      h.flow = `links ${spec.name}`;
      const { context, page } = await open(browser, spec);
      try {
        const confirm = spec.name === "desktop" ? config.confirm_url : config.confirm_url_mobile;
        await page.goto(confirm, { waitUntil: "load" });
        h.check("the confirmation link shows a button", await h1(page) === "E-mailalert bevestigen", await h1(page));
        await h.axe(page, `confirm (${spec.name})`, { width: spec.viewport.width });
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
        h.check("confirmed", await h1(page) === "Bevestigd", await h1(page));
        await h.axe(page, `confirmed (${spec.name})`, { width: spec.viewport.width });
        if (spec.name === "desktop") {
          // Opening the link (as a mail scanner would) only asks; the button ends the alert.
          await page.goto(config.unsubscribe_url, { waitUntil: "load" });
          h.check("the unsubscribe link shows a button", await h1(page) === "Afmelden voor e-mailalert", await h1(page));
          await h.axe(page, `unsubscribe (${spec.name})`, { width: spec.viewport.width });
          await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("main button[type=submit]")]);
          h.check("unsubscribed with the button", await h1(page) === "Afgemeld", await h1(page));
          await h.axe(page, `unsubscribed (${spec.name})`, { width: spec.viewport.width });
        }
      } catch (err) {
        h.check("flow completed", false, (err && err.stack) || err);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await h.finish();
}
