// Browser flows against a running archive, in Debian's Chromium driven by playwright-core (no browser download).
//
// Usage: node tests/browser/flows.mjs '<json config>'
//   config: {base, ruling_slug, screenshots_dir?, executable?}
// Prints one JSON object on stdout: {ok, checks: [{flow, name, ok, detail}], axe: [{page, url, width, violations}],
// weights: [{page, url, bytes, ...}], screenshots: [path], console_errors: [...]} and exits 0 only when every
// check passed, no page has a serious or critical axe violation and no page logged a JavaScript error.
// pytest (tests/browser/test_browser.py) starts the app, runs this script and asserts on that JSON; the browser,
// checks, axe and report come from harness.mjs.

import { harness, DESKTOP, MOBILE } from "./harness.mjs";

const config = JSON.parse(process.argv[2] || "{}");
const BASE = config.base;
const SLUG = config.ruling_slug;
const DELIBERATE_ERRORS = ["bestaat-niet", "date_to=2019-01-01"];

const h = harness(config, { weights: [] });
const report = h.report;
const check = h.check;
const run = h.run;
// the deliberate 404 and 422 pages log their own status as a console error
const watch = (page, label) => h.watch(page, label, (p) => DELIBERATE_ERRORS.some((part) => p.url().includes(part)));
const axe = (page, name, width) => h.axe(page, name, { width });
const shot = (page, name) => h.shot(page, name);

async function weight(page, name, excludeSelectors = []) {
  const w = await page.evaluate((selectors) => {
    const nav = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource").filter((r) => new URL(r.name).origin === location.origin);
    let excluded = 0;
    for (const sel of selectors) for (const el of document.querySelectorAll(sel)) excluded += new Blob([el.outerHTML]).size;
    const html = nav ? nav.decodedBodySize : new Blob([document.documentElement.outerHTML]).size;
    const assets = resources.reduce((s, r) => s + (r.decodedBodySize || 0), 0);
    return { html, assets, excluded, bytes: html + assets - excluded };
  }, excludeSelectors);
  report.weights.push({ page: name, url: page.url(), ...w });
}

const resultsTotal = async (page) => {
  const text = (await page.textContent("#results-heading")) || "";
  const m = text.replace(/\./g, "").match(/(\d+)/);
  return m ? Number(m[1]) : -1;
};
const hitDates = (page) => page.$$eval(".hit time[datetime]", (els) => els.map((e) => e.getAttribute("datetime")));
const params = (page) => new URL(page.url()).searchParams;
const waitForParam = (page, name, value) =>
  page.waitForFunction(([n, v]) => {
    const got = new URL(location.href).searchParams.getAll(n);
    return v === null ? got.length === 0 : got.includes(v);
  }, [name, value], { timeout: 5000 });
const sorted = (xs, desc) => xs.every((x, i) => i === 0 || (desc ? xs[i - 1] >= x : xs[i - 1] <= x));

const browser = await h.launch();

try {
  const js = await browser.newContext({ viewport: DESKTOP, locale: "nl-NL" });
  await js.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  const page = watch(await js.newPage(), "js");

  await run("search (js)", async () => {
    await page.goto(BASE + "/");
    check("lang is nl", (await page.getAttribute("html", "lang")) === "nl");
    const all = await resultsTotal(page);
    check("the start page lists rulings", all > 0, all);
    await axe(page, "search: start", DESKTOP.width);
    await weight(page, "search: start");
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.locator("#q").pressSequentially("tandarts", { delay: 40 });
    await waitForParam(page, "q", "tandarts");
    await page.waitForFunction(() => document.querySelectorAll(".hit mark").length > 0, null, { timeout: 5000 });
    check("typing updated the results without a page load", await page.evaluate(() => window.__sameDocument === true));
    check("the URL reflects the query", params(page).get("q") === "tandarts", page.url());
    const total = await resultsTotal(page);
    check("fewer results for 'tandarts' than for everything", total > 0 && total <= all, `${total} of ${all}`);
    const marks = await page.$$eval(".hit mark", (els) => els.map((e) => e.textContent.toLowerCase()));
    check("snippets highlight the query", marks.some((m) => m.includes("tandarts")), marks.slice(0, 5));
    check("title follows the search", (await page.title()).includes("tandarts"), await page.title());
    check("status region announces the count", /gevonden/.test((await page.textContent("#search-status")) || ""));
    check("outcome badges and dates shown", (await page.locator(".hit .badge").count()) > 0 && (await page.locator(".hit time").count()) > 0);
    check("focus stayed in the search box", await page.evaluate(() => document.activeElement && document.activeElement.id === "q"));
    await axe(page, "search: results", DESKTOP.width);
    await page.goto(page.url()); // weigh a fresh load (the performance log also holds the partial updates)
    await weight(page, "search: results");
    await shot(page, "search-desktop");
  });

  await run("facets (js)", async () => {
    await page.goto(BASE + "/?q=tandarts");
    await page.evaluate(() => { window.__sameDocument = true; });
    const before = await resultsTotal(page);
    const link = page.locator('.facet a.fv[data-key^="insurer="]').first();
    const key = await link.getAttribute("data-key");
    const value = key.split("=")[1];
    const expected = Number((await link.locator(".count").textContent()).replace(/\D/g, ""));
    await link.click();
    await waitForParam(page, "insurer", value);
    await page.waitForSelector(".chips");
    check("facet click without a page load", await page.evaluate(() => window.__sameDocument === true));
    const after = await resultsTotal(page);
    check("the facet count matches the filtered total", after === expected, `${after} vs ${expected}`);
    check("filtered total is not larger", after <= before, `${after} <= ${before}`);
    check("the chosen value is marked selected", await page.locator(`.facet a.fv.selected[data-key="${key}"]`).count() === 1);
    check("focus returns to the facet link", await page.evaluate((k) => document.activeElement && document.activeElement.dataset.key === k, key));
    const insurers = await page.$$eval(".hit .meta", (els) => els.map((e) => e.textContent));
    check("every hit is from that insurer", insurers.every((t) => t.includes(value)), insurers.slice(0, 3));
    // typing keeps the active filters (they travel as form fields of the search box)
    await page.locator("#q").press("End");
    await page.locator("#q").pressSequentially(" kronen", { delay: 30 });
    await waitForParam(page, "q", "tandarts kronen");
    check("typing keeps the active filters", params(page).get("insurer") === value, page.url());
    await page.locator("#q").fill("tandarts");
    await page.locator("#q").dispatchEvent("input");
    await waitForParam(page, "q", "tandarts");
    await page.waitForSelector(`.facet a.fv.selected[data-key="${key}"]`);
    // a second facet (another group) narrows further: AND across facets
    const outcome = page.locator('.facet a.fv[data-key^="outcome="]').first();
    const okey = await outcome.getAttribute("data-key");
    await outcome.click();
    await waitForParam(page, "outcome", okey.split("=")[1]);
    check("two filters give two chips", (await page.locator(".chips a:not(.clear)").count()) === 2);
    await axe(page, "search: two filters", DESKTOP.width);
    // remove the insurer filter by its chip
    await page.locator(".chips a", { hasText: value }).first().click();
    await waitForParam(page, "insurer", null);
    check("the chip removed its filter", !params(page).has("insurer") && params(page).has("outcome"), page.url());
    check("still no page load", await page.evaluate(() => window.__sameDocument === true));
    await page.goBack();
    await waitForParam(page, "insurer", value);
    await page.waitForSelector(`.facet a.fv.selected[data-key="${key}"]`, { timeout: 5000 }).catch(() => null);
    check("Back restores the previous filters", params(page).get("insurer") === value
      && (await page.locator(`.facet a.fv.selected[data-key="${key}"]`).count()) === 1, page.url());
  });

  await run("sort (js)", async () => {
    await page.goto(BASE + "/");
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.focus("#sort");
    await page.selectOption("#sort", "date_desc");
    await waitForParam(page, "sort", "date_desc");
    await page.waitForFunction(() => document.querySelector("#sort") && document.querySelector("#sort").value === "date_desc");
    const desc = await hitDates(page);
    check("newest first", desc.length > 1 && sorted(desc, true), desc.slice(0, 5));
    await page.selectOption("#sort", "date_asc");
    await waitForParam(page, "sort", "date_asc");
    await page.waitForFunction((first) => {
      const t = document.querySelector(".hit time[datetime]");
      return t && t.getAttribute("datetime") !== first;
    }, desc[0]);
    const asc = await hitDates(page);
    check("oldest first", asc.length > 1 && sorted(asc, false), asc.slice(0, 5));
    check("sort without a page load", await page.evaluate(() => window.__sameDocument === true));
    check("focus stays on the sort menu", await page.evaluate(() => document.activeElement && document.activeElement.id === "sort"));
  });

  await run("pagination (js)", async () => {
    await page.goto(BASE + "/?per_page=5&sort=date_asc");
    await page.evaluate(() => { window.__sameDocument = true; });
    const first = await hitDates(page);
    check("5 hits on page 1", first.length === 5, first.length);
    await page.click('.pager a[rel="next"]');
    await waitForParam(page, "page", "2");
    const second = await hitDates(page);
    check("page 2 continues where page 1 ended", second.length > 0 && second[0] >= first[first.length - 1], `${first[4]} -> ${second[0]}`);
    check("page 2 is marked current", (await page.textContent('.pager a[aria-current="page"]')).includes("2"));
    check("list numbering continues", (await page.getAttribute("ol.hits", "start")) === "6");
    check("focus moved to the results heading", await page.evaluate(() => document.activeElement && document.activeElement.id === "results-heading"));
    check("paging without a page load", await page.evaluate(() => window.__sameDocument === true));
    const lastLink = page.locator(".pager a[data-page]").filter({ hasNotText: /Vorige|Volgende/ }).last();
    const lastNumber = (await lastLink.textContent()).replace(/\D/g, "");
    await lastLink.click();
    await waitForParam(page, "page", lastNumber);
    check("no next link on the last page", (await page.locator('.pager a[rel="next"]').count()) === 0);
    await page.goBack();
    await waitForParam(page, "page", "2");
    await page.waitForFunction(() => /2/.test(document.querySelector('.pager a[aria-current="page"]').textContent), null, { timeout: 5000 })
      .catch(() => null);
    check("Back returns to page 2", (await page.textContent('.pager a[aria-current="page"]')).includes("2"));
  });

  await run("empty state (js)", async () => {
    await page.goto(BASE + "/?q=xqzwvy&insurer=CZ");
    check("no results shows the empty state", (await page.locator(".empty").count()) === 1);
    check("suggests searching without filters", (await page.locator(".empty a", { hasText: "zonder filters" }).count()) === 1);
    await axe(page, "search: empty", DESKTOP.width);
    await page.locator(".empty a", { hasText: "tandarts" }).first().click();
    await waitForParam(page, "q", "tandarts");
    check("a suggestion runs a search and fills the box", (await page.inputValue("#q")) === "tandarts" && (await resultsTotal(page)) > 0);
  });

  await run("keyboard (js)", async () => {
    await page.goto(BASE + "/");
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return { cls: el.className, visible: box.top >= 0 && box.height > 0, outline: style.outlineStyle, width: style.outlineWidth };
    });
    check("the first Tab reaches the visible skip link", skip.cls === "skip" && skip.visible, JSON.stringify(skip));
    check("focus is visibly outlined", skip.outline !== "none" && skip.width !== "0px", JSON.stringify(skip));
    await page.keyboard.press("Enter");
    check("the skip link moves to the content", await page.evaluate(() => location.hash === "#main"));
    // keyboard-only filtering: Tab to the first facet link and press Enter
    await page.focus('.facet a.fv');
    const key = await page.evaluate(() => document.activeElement.dataset.key);
    await page.keyboard.press("Enter");
    const [name, value] = key.split("=");
    await waitForParam(page, name, value);
    check("Enter on a facet filters", params(page).getAll(name).includes(value));
  });

  await run("ruling page (js)", async () => {
    const response = await page.goto(`${BASE}/uitspraak/${encodeURIComponent(SLUG).replace(/%3A/gi, ":")}`);
    check("permalink answers 200", response.status() === 200, response.status());
    check("one h1 with the title", (await page.locator("h1").count()) === 1);
    check("metadata shown", (await page.locator("dl.facts dt").count()) >= 3);
    const tocLinks = await page.locator(".toc a").count();
    check("a table of contents", tocLinks >= 2, tocLinks);
    if (tocLinks) {
      const href = await page.locator(".toc a").nth(1).getAttribute("href");
      await page.locator(".toc a").nth(1).click();
      check("TOC links go to their section", (await page.evaluate(() => location.hash)) === href && (await page.locator(href).count()) === 1, href);
    }
    const annex = page.locator("details.annex");
    if (await annex.count()) {
      check("annex collapsed by default", (await annex.getAttribute("open")) === null);
      await annex.locator("summary").click();
      check("annex opens", (await annex.getAttribute("open")) !== null);
    }
    check("outcome per decision item", (await page.locator(".decision-items li .badge").count()) >= 1);
    check("similar rulings listed", (await page.locator(".similar li a").count()) >= 1);
    const copy = page.locator('button[data-copy="citation"]');
    check("copy button shown with JavaScript", await copy.isVisible());
    await copy.click();
    await page.waitForFunction(() => /Gekopieerd/.test(document.querySelector(".copy-status").textContent), null, { timeout: 3000 });
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    const citation = await page.inputValue("#citation");
    check("the citation reached the clipboard", clip === citation && citation.includes("/uitspraak/"), clip);
    await page.locator('button[data-copy="permalink"]').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    check("the permalink reached the clipboard", link.startsWith(BASE + "/uitspraak/"), link);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("a.download")]);
    check("download offers a .txt file", download.suggestedFilename().endsWith(".txt"), download.suggestedFilename());
    const txt = await page.request.get(BASE + (await page.getAttribute("a.download", "href")));
    check("the download is text/plain, as attachment", txt.headers()["content-type"].startsWith("text/plain")
      && txt.headers()["content-disposition"].startsWith("attachment"), JSON.stringify(txt.headers()));
    await axe(page, "ruling", DESKTOP.width);
    await weight(page, "ruling (without the ruling text)", [".ruling-text", ".annex-text"]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.goto(page.url().split("#")[0]);
    await shot(page, "ruling-desktop");
    const missing = await page.goto(BASE + "/uitspraak/bestaat-niet-999");
    check("unknown ruling gives a 404 page", missing.status() === 404 && (await page.locator("h1").textContent()).includes("bestaat niet"));
    await axe(page, "404", DESKTOP.width);
  });

  await run("statistics (js)", async () => {
    await page.goto(BASE + "/statistieken");
    const charts = await page.locator("ul.chart").count();
    check("three charts (topic, insurer, year)", charts === 3, charts);
    check("each chart has a title and a description", await page.$$eval("ul.chart", (lists) => lists.every((l) =>
      document.getElementById(l.getAttribute("aria-labelledby")) && document.getElementById(l.getAttribute("aria-describedby")))));
    check("no 'click' instruction (touch screens have no clicks)", !/klik op/i.test(await page.textContent("main")));
    const bars = page.locator(".chart a.bar-link");
    check("bars are links", (await bars.count()) >= 3);
    await axe(page, "statistics", DESKTOP.width);
    await page.$$eval("details.table-fallback", (ds) => ds.forEach((d) => { d.open = true; }));
    check("table fallbacks have a row per bar", (await page.locator(".table-fallback tbody tr").count()) === (await page.locator(".chart a.bar-link, .chart .bar-row").count()));
    await axe(page, "statistics: tables open", DESKTOP.width);
    await weight(page, "statistics");
    await page.$$eval("details.table-fallback", (ds) => ds.forEach((d) => { d.open = false; }));
    await shot(page, "statistics-desktop");
    // every kind of bar leads to the rulings behind it, and the counts agree
    for (const chart of ["onderwerp", "verzekeraar", "jaar"]) {
      await page.goto(BASE + "/statistieken");
      const bar = page.locator(`section[aria-labelledby="${chart}-heading"] .chart a.bar-link`).first();
      const n = Number((await bar.locator(".bar-n").textContent()).replace(/\D/g, ""));
      await bar.click();
      await page.waitForURL(/\/\?/);
      const total = await resultsTotal(page);
      check(`a ${chart} bar opens its ${n} rulings`, total === n, `${page.url()}: ${total} vs ${n}`);
    }
  });

  await run("about (js)", async () => {
    await page.goto(BASE + "/over");
    check("about page has the report section", (await page.locator("#fout-melden").count()) === 1);
    await axe(page, "about", DESKTOP.width);
    await weight(page, "about");
  });

  await run("mobile (js)", async () => {
    const mobile = await browser.newContext({ viewport: MOBILE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "nl-NL" });
    const m = watch(await mobile.newPage(), "mobile");
    await m.goto(BASE + "/?q=tandarts");
    check("filters start collapsed on a phone", (await m.locator("details.filters").getAttribute("open")) === null);
    const overflow = await m.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check("no horizontal scrolling on the search page", overflow <= 0, overflow);
    await axe(m, "search (mobile)", MOBILE.width);
    await shot(m, "search-mobile");
    await m.goto(`${BASE}/uitspraak/${SLUG}`);
    check("no horizontal scrolling on the ruling page", (await m.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0);
    // Issue 18: on a phone the table of contents is visible and the citation block is near the top, both before
    // the ruling text (measured, not just screenshotted).
    const geo = await m.evaluate(() => {
      const box = (sel) => { const el = document.querySelector(sel); if (!el) return null;
        const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
        return { top: r.top + scrollY, height: r.height, left: r.left, right: r.right, shown: cs.display !== "none" && cs.visibility !== "hidden" }; };
      return { toc: box(".toc"), tocLinks: document.querySelectorAll(".toc a").length, cite: box(".cite"), text: box(".ruling-text"),
        citation: box("#citation"), vh: innerHeight, vw: innerWidth };
    });
    check("TOC visible on a phone", geo.toc && geo.toc.shown && geo.toc.height > 40 && geo.tocLinks >= 2, JSON.stringify(geo.toc));
    check("TOC starts within the first screen", geo.toc && geo.toc.top < geo.vh, JSON.stringify(geo));
    check("citation block within two screens of the top", geo.cite && geo.cite.shown && geo.cite.top < 2 * geo.vh, JSON.stringify(geo.cite));
    check("TOC, then citation, then the ruling text", geo.toc.top < geo.cite.top && geo.cite.top < geo.text.top, JSON.stringify(geo));
    check("citation field fits the screen", geo.citation.left >= 0 && geo.citation.right <= geo.vw, JSON.stringify(geo.citation));
    await m.locator(".toc a").nth(1).tap();
    check("a TOC link works by touch", (await m.evaluate(() => location.hash)).length > 1);
    await axe(m, "ruling (mobile)", MOBILE.width);
    await shot(m, "ruling-mobile");
    await m.goto(BASE + "/statistieken");
    check("no horizontal scrolling on the statistics page", (await m.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0);
    // Issue 18: at 390 px bar labels overlapped their percentages. Every label and rate, measured: no overlap, on screen.
    const clashes = await m.$$eval(".bar-head", (heads) => heads.map((h) => {
      const a = h.querySelector(".bar-label").getBoundingClientRect();
      const b = h.querySelector(".bar-rate").getBoundingClientRect();
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const off = a.left < 0 || b.left < 0 || a.right > innerWidth || b.right > innerWidth;
      return overlap || off ? `${h.textContent.trim()} ${JSON.stringify([a.left, a.right, a.top, b.left, b.right, b.top])}` : null;
    }).filter(Boolean));
    const labelled = await m.locator(".bar-head").count();
    check("statistics labels never overlap their percentages at 390 px", labelled >= 10 && clashes.length === 0, `${labelled} bars; ${clashes.slice(0, 3)}`);
    check("no 'klik' on a touch screen", !/klik op/i.test(await m.textContent("main")));
    await axe(m, "statistics (mobile)", MOBILE.width);
    await shot(m, "statistics-mobile");
    await mobile.close();
  });
  await run("feeds (js)", async () => {
    await page.goto(BASE + "/");
    const alt = () => page.getAttribute('link[rel="alternate"][type="application/atom+xml"]', "href");
    check("the search page has an Atom <link rel=alternate>", (await alt()) === "/api/v1/search.atom", await alt());
    check("and a visible feed link", await page.locator(".search-tools a.feed-link").isVisible());
    await page.locator("#q").pressSequentially("tandarts", { delay: 30 });
    await waitForParam(page, "q", "tandarts");
    await page.waitForFunction(() => /q=tandarts/.test(document.querySelector('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")), null, { timeout: 5000 }).catch(() => null);
    check("the feed link follows the search as you type", (await alt()) === "/api/v1/search.atom?q=tandarts", await alt());
    check("so does the one in the follow section", (await page.getAttribute(".follow a.feed-link", "href")) === "/api/v1/search.atom?q=tandarts");
    const feed = await page.request.get(BASE + (await alt()));
    const body = await feed.text();
    check("the feed answers Atom", feed.status() === 200 && feed.headers()["content-type"].startsWith("application/atom+xml")
      && body.includes('<feed xmlns="http://www.w3.org/2005/Atom"') && body.includes("<title>Uitspraken: tandarts</title>"), body.slice(0, 200));
  });

  await run("advanced search (js)", async () => {
    await page.goto(BASE + "/?q=tandarts");
    await Promise.all([page.waitForURL(/uitgebreid-zoeken/), page.click(".search-tools a.advanced-link")]);
    check("the form carries the search", (await page.inputValue("#adv-q")) === "tandarts");
    check("a group for every facet of the registry", (await page.locator("fieldset.choices").count()) >= 6);
    check("date and amount fields", (await page.locator('input[type=date][name=date_from]').count()) === 1 && (await page.locator("input[name=amount_min]").count()) === 1);
    await axe(page, "advanced search", DESKTOP.width);
    await shot(page, "advanced-desktop");
    await page.fill("#adv-date_from", "2017-01-01");
    await page.fill("#adv-amount_min", "100");
    await page.locator('fieldset#adv-outcome label', { hasText: "Afgewezen" }).click();
    await Promise.all([page.waitForURL(/\/\?/), page.click('#advanced-form button[type="submit"]')]);
    const u = params(page);
    check("submitting gives a clean search URL", u.get("q") === "tandarts" && u.get("date_from") === "2017-01-01"
      && u.get("amount_min") === "100" && u.get("outcome") === "afgewezen" && !/=(&|$)/.test(page.url()), page.url());
    const chips = await page.$$eval(".chips a:not(.clear)", (as) => as.map((a) => a.textContent.trim()));
    check("a chip for each filter", chips.length === 3 && chips.some((c) => c.includes("Datum uitspraak")) && chips.some((c) => c.includes("Toegekend bedrag")), chips);
    const badges = await page.$$eval(".hit .badge", (bs) => bs.map((b) => b.textContent.trim()));
    check("results match the filters", badges.every((b) => b === "Afgewezen"), badges);
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.locator(".chips a", { hasText: "Datum uitspraak" }).click();
    await waitForParam(page, "date_from", null);
    check("the date chip removes only the date", params(page).get("amount_min") === "100" && params(page).get("outcome") === "afgewezen", page.url());
    await page.goto(BASE + "/?date_from=2020-01-01&date_to=2019-01-01");
    check("a refused search says why, in Dutch", /ligt na/.test(await page.textContent("main")) && !/must be|is after/i.test(await page.textContent("main")));
    await axe(page, "422", DESKTOP.width);
    await Promise.all([page.waitForURL(/uitgebreid-zoeken/), page.click("text=Pas de zoekopdracht aan")]);
    check("and opens the form to correct it", (await page.inputValue("#adv-date_from")) === "2020-01-01" && (await page.locator('[role="alert"]').count()) === 1);
  });

  await run("highlighting (js)", async () => {
    await page.goto(BASE + "/?q=tandarts");
    await Promise.all([page.waitForURL(/\/uitspraak\//), page.locator(".hit h3 a").first().click()]);
    check("the hit link carries the search words", new URL(page.url()).searchParams.get("q") === "tandarts", page.url());
    const marks = await page.$$eval(".ruling-text mark", (ms) => ms.map((m) => m.textContent.toLowerCase()));
    check("the search words are marked in the text", marks.length > 0 && marks.every((m) => m.startsWith("tandarts")), marks.slice(0, 5));
    check("the note counts them", (await page.textContent(".hl-note")).includes(`${(await page.locator("mark").count())} keer`));
    await page.click('.hl-note a[href="#treffer-1"]');
    check("'naar de eerste' scrolls to the first mark", await page.evaluate(() => {
      const r = document.getElementById("treffer-1").getBoundingClientRect(); return location.hash === "#treffer-1" && r.top >= 0 && r.bottom <= innerHeight; }));
    await axe(page, "ruling: highlighted", DESKTOP.width);
    await Promise.all([page.waitForURL((u) => !u.searchParams.has("q")), page.click(".hl-links a >> nth=0")]);
    check("'markering weghalen' shows the plain ruling", (await page.locator("mark").count()) === 0);
  });

  await run("back to the results (js)", async () => {
    // A search changed with JavaScript (sort, then page 2): the ruling's "Terug naar de resultaten" is that search.
    await page.goto(BASE + "/?q=tandarts");
    await page.selectOption("#sort", "date_asc");
    await waitForParam(page, "sort", "date_asc");
    await page.waitForFunction(() => document.querySelector(".hit h3 a") &&
      new URL(document.querySelector(".hit h3 a").href).searchParams.get("sort") === "date_asc", null, { timeout: 5000 });
    const search = page.url();
    const first = await page.getAttribute(".hit h3 a", "href");
    await Promise.all([page.waitForURL(/\/uitspraak\//), page.locator(".hit h3 a").first().click()]);
    const back = page.locator(".hl-links a", { hasText: "Terug naar de resultaten" });
    check("the ruling page offers the way back", (await back.count()) === 1);
    await Promise.all([page.waitForURL((u) => u.pathname === "/"), back.click()]);
    check("back on exactly that search", page.url() === search, `${page.url()} vs ${search}`);
    check("with the same results", (await page.getAttribute(".hit h3 a", "href")) === first);
  });

  await run("print (js)", async () => {
    await page.goto(`${BASE}/uitspraak/${SLUG}`);
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() => Object.fromEntries([".top nav", ".searchbox", ".toc", ".similar", ".foot", ".copy", ".ruling-text", ".cite", ".facts", ".annex-text"]
      .map((sel) => { const el = document.querySelector(sel); return [sel, el ? getComputedStyle(el).display !== "none" : null]; })));
    check("print hides navigation, TOC, buttons and the footer", !shown[".top nav"] && !shown[".toc"] && shown[".similar"] !== true && !shown[".foot"] && !shown[".copy"], JSON.stringify(shown));
    check("print keeps the text, the facts and the citation", shown[".ruling-text"] && shown[".cite"] && shown[".facts"], JSON.stringify(shown));
    check("print includes the collapsed annex", shown[".annex-text"] !== false, JSON.stringify(shown));
    await page.emulateMedia({ media: "screen" });
  });

  await run("new in the archive (js)", async () => {
    await page.goto(BASE + "/");
    await Promise.all([page.waitForURL(/\/nieuw$/), page.click('nav[aria-label="Hoofdmenu"] a[href="/nieuw"]')]);
    check("the menu leads to it and marks it", (await page.getAttribute('nav a[href="/nieuw"]', "aria-current")) === "page");
    check("an Atom link for it", (await page.getAttribute('link[rel="alternate"][type="application/atom+xml"]', "href")) === "/api/v1/search.atom");
    check("grouped by the day they were added", (await page.locator("section.new-day h2").count()) >= 2);
    const first = await page.locator(".new-list h3 a").count();
    check("a page of additions", first > 0 && first <= 25, first);
    await axe(page, "new in the archive", DESKTOP.width);
    await shot(page, "new-desktop");
    const older = page.locator('.pager a[rel="next"]');
    if (await older.count()) {
      const firstSlug = await page.getAttribute(".new-list h3 a", "href");
      await Promise.all([page.waitForURL(/cursor=/), older.click()]);
      check("older additions continue the list", (await page.getAttribute(".new-list h3 a", "href")) !== firstSlug);
    }
  });

  await run("phone: new pages (js)", async () => {
    const mobile = await browser.newContext({ viewport: MOBILE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "nl-NL" });
    const m = watch(await mobile.newPage(), "mobile2");
    for (const [name, path, file] of [["advanced search (mobile)", "/uitgebreid-zoeken?q=tandarts", "advanced-mobile"],
      ["new in the archive (mobile)", "/nieuw", "new-mobile"]]) {
      await m.goto(BASE + path);
      check(`${name}: no horizontal scrolling`, (await m.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0);
      await axe(m, name, MOBILE.width);
      await shot(m, file);
    }
    await mobile.close();
  });
  await js.close();

  // The same flows without JavaScript: plain links and form submissions.
  const nojs = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: "nl-NL" });
  const p = watch(await nojs.newPage(), "nojs");

  await run("search (no js)", async () => {
    await p.goto(BASE + "/");
    await p.fill("#q", "tandarts");
    await Promise.all([p.waitForURL(/q=tandarts/), p.press("#q", "Enter")]);
    check("submitting the form searches", (await resultsTotal(p)) > 0 && (await p.locator(".hit mark").count()) > 0);
    check("the URL is clean (no empty fields)", !/year_from=(&|$)|sort=relevance/.test(p.url()), p.url());
  });

  await run("facets (no js)", async () => {
    await p.goto(BASE + "/?q=tandarts");
    const link = p.locator('.facet a.fv[data-key^="topic="]').first();
    const key = await link.getAttribute("data-key");
    const [, value] = key.split("=");
    await Promise.all([p.waitForURL((u) => u.searchParams.getAll("topic").includes(value)), link.click()]);
    check("facet link filters", params(p).get("q") === "tandarts" && (await p.locator(".chips").count()) === 1, p.url());
    await Promise.all([p.waitForURL((u) => !u.searchParams.has("topic")), p.locator(".chips a").first().click()]);
    check("chip link removes the filter", !params(p).has("topic") && params(p).get("q") === "tandarts", p.url());
  });

  await run("sort and years (no js)", async () => {
    await p.goto(BASE + "/");
    check("the sort button is shown without JavaScript", await p.locator(".sort button").isVisible());
    await p.selectOption("#sort", "date_desc");
    await Promise.all([p.waitForURL(/sort=date_desc/), p.click(".sort button")]);
    const dates = await hitDates(p);
    check("sorted newest first", sorted(dates, true), dates.slice(0, 4));
    await p.fill("#year_from", "2018");
    await p.fill("#year_to", "2020");
    await Promise.all([p.waitForURL(/year_to=2020/), p.click(".years button")]);
    const years = (await hitDates(p)).map((d) => Number(d.slice(0, 4)));
    check("the year range filters", years.length > 0 && years.every((y) => y >= 2018 && y <= 2020), years);
    check("the sort survives a year filter", params(p).get("sort") === "date_desc", p.url());
    check("a year chip", (await p.locator(".chips a", { hasText: "2018" }).count()) === 1);
  });

  await run("pagination (no js)", async () => {
    await p.goto(BASE + "/?per_page=5");
    await Promise.all([p.waitForURL(/page=2/), p.click('.pager a[rel="next"]')]);
    check("next page link works", (await p.textContent('.pager a[aria-current="page"]')).includes("2"));
    await Promise.all([p.waitForURL((u) => !u.searchParams.has("page")), p.click('.pager a[rel="prev"]')]);
    check("previous page link works", (await p.textContent('.pager a[aria-current="page"]')).includes("1"));
  });

  await run("ruling page (no js)", async () => {
    await p.goto(`${BASE}/uitspraak/${SLUG}`);
    check("copy buttons are hidden without JavaScript", (await p.locator("button[data-copy]:visible").count()) === 0);
    check("the citation is readable plain text", (await p.inputValue("#citation")).includes("/uitspraak/"));
    const annex = p.locator("details.annex");
    if (await annex.count()) {
      await annex.locator("summary").click();
      check("the annex opens without JavaScript", (await annex.getAttribute("open")) !== null);
    }
  });

  await run("statistics (no js)", async () => {
    await p.goto(BASE + "/statistieken");
    const bar = p.locator(".chart a.bar-link").first();
    await Promise.all([p.waitForURL(/\/\?/), bar.click()]);
    check("a bar link opens the search", (await resultsTotal(p)) > 0, p.url());
  });
  await run("advanced search (no js)", async () => {
    await p.goto(BASE + "/uitgebreid-zoeken");
    await p.fill("#adv-q", "tandarts");
    await p.fill("#adv-year_from", "2016");
    await p.locator('fieldset#adv-source input[value="skgz"]').check();
    await Promise.all([p.waitForURL((u) => u.pathname === "/" && u.searchParams.get("year_from") === "2016"), p.click('#advanced-form button[type="submit"]')]);
    check("the form works without JavaScript, empty fields dropped", params(p).get("source") === "skgz" && !/=(&|$)/.test(p.url()), p.url());
    check("its filters are chips", (await p.locator(".chips a:not(.clear)").count()) === 2);
    const feed = await p.getAttribute('link[rel="alternate"][type="application/atom+xml"]', "href");
    check("the feed link carries the search", feed === "/api/v1/search.atom?q=tandarts&source=skgz&year_from=2016", feed);
  });

  await run("accessibility (no js)", async () => {
    // axe needs JavaScript, so the no-JavaScript pages are copied (scripts removed) into a scripted page
    const checker = watch(await browser.newPage({ viewport: DESKTOP }), "axe-nojs");
    for (const [name, path] of [["search: filters", "/?q=tandarts&outcome=afgewezen&year_from=2016"],
      ["ruling", `/uitspraak/${SLUG}`], ["statistics", "/statistieken"], ["advanced search", "/uitgebreid-zoeken"],
      ["new in the archive", "/nieuw"]]) {
      await p.goto(BASE + path);
      const html = (await p.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
      await checker.goto(BASE + "/over");
      await checker.setContent(html, { waitUntil: "load" });
      check(`${name}: copied without scripts`, (await checker.locator("script").count()) === 0);
      await axe(checker, `${name} (no js)`, DESKTOP.width);
    }
    await checker.close();
  });
  await nojs.close();
} finally {
  await h.finish();
}
