// The review workflow in Debian's Chromium (playwright-core, axe-core), as a reviewer and a reader would do it.
//
// Usage: node tests/review/review_flows.mjs '<json config>'
//   config: {base, slug, ruling_id, email, password, executable?, javascript?}
// Prints one JSON object: {ok, checks: [{flow, name, ok, detail}], axe: [...], takedown_ms, console_errors} and
// exits 0 only when every check passed and no page has a serious or critical axe violation.
// The same flow runs with JavaScript on and off (axe runs in a scripted copy of each no-JS page).

import { harness } from "../browser/harness.mjs";

const config = JSON.parse(process.argv[2] || "{}");
const { base: BASE, slug: SLUG, ruling_id: RID, email: EMAIL, password: PASSWORD } = config;
const JS = config.javascript !== false;
const h = harness(config, { takedown_ms: null });
const report = h.report;
const check = h.check;

async function run(name, fn) {
  await h.run(name + (JS ? " (js)" : " (no js)"), fn);
}

// axe needs JavaScript: without it, a scripted copy of the page is checked
const axe = (page, name) => h.axe(page, name + (JS ? "" : " (no js)"), { width: 1280, copy: !JS });

await h.launch();
try {
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL", javaScriptEnabled: JS });
  const page = await context.newPage();
  h.watch(page, JS ? "js" : "no js", () => true);  // page errors only: the 401s log their status

  await run("log in", async () => {
    const before = await page.goto(BASE + "/beheer");
    check("the queue needs a login", before.status() === 401, before.status());
    await page.goto(BASE + "/beheer/inloggen");
    await axe(page, "beheer: inloggen");
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await Promise.all([page.waitForURL(BASE + "/beheer"), page.click("button[type=submit]")]);
    check("logged in, on the queue", page.url() === BASE + "/beheer", page.url());
  });

  await run("queue and redaction", async () => {
    const row = page.locator(`a[href="/beheer/uitspraak/${RID}"]`);
    check("the held ruling is in the queue", (await row.count()) === 1);
    check("with its reason", (await page.textContent("table.queue")).includes("wacht op goedkeuring"));
    await axe(page, "beheer: wachtrij");
    await Promise.all([page.waitForURL(`**/beheer/uitspraak/${RID}`), row.click()]);
    check("replacements highlighted", (await page.locator("mark.replaced").count()) > 0);
    check("the original beside it", (await page.textContent(".origineel")).includes("Pietersen"));
    await axe(page, "beheer: uitspraak");
    await page.fill("#redact-surface", "Amersfoort");
    await Promise.all([page.waitForURL(/klaar=/), page.click("form:has(#redact-surface) button[type=submit]")]);
    check("the correction is saved", (await page.textContent(".klaar")).includes("Correctie opgeslagen"));
    check("its placeholder highlighted", (await page.locator("mark.replaced", { hasText: "[persoon 2]" }).count()) > 0);
    await Promise.all([page.waitForURL(/klaar=/), page.click("text=Goedkeuren en publiceren")]);
    check("approved", (await page.textContent(".klaar")).includes("Goedgekeurd"));
  });

  await run("public page and report", async () => {
    const answer = await page.goto(`${BASE}/uitspraak/${SLUG}`);
    check("the approved ruling is public", answer.status() === 200, answer.status());
    const body = await page.textContent("main");
    check("it shows the placeholder", body.includes("[persoon 2]") && !body.includes("Amersfoort"));
    await axe(page, "uitspraak met meldformulier");
    await page.fill("#report-message", "In 3.1 staat nog een naam.");
    await Promise.all([page.waitForURL(`**/melding/${SLUG}`), page.click(".report-form button[type=submit]")]);
    check("the report is received", (await page.textContent("h1")).includes("Bedankt"));
    await axe(page, "melding ontvangen");
  });

  await run("takedown", async () => {
    await page.goto(BASE + "/beheer");
    check("the report is in the queue", (await page.textContent("table.queue")).includes("melding van een lezer"));
    await page.goto(`${BASE}/beheer/uitspraak/${RID}`);
    check("the report is shown", (await page.textContent(".reports")).includes("In 3.1 staat nog een naam."));
    await page.fill("#offline-note", "naam gevonden");
    const t0 = Date.now();
    await Promise.all([page.waitForURL(/klaar=/), page.click("button.gevaar")]);
    let gone = false;
    let unfound = false;
    while (Date.now() - t0 < 5000 && !(gone && unfound)) {
      gone = (await page.request.get(`${BASE}/uitspraak/${SLUG}`)).status() === 410;
      const hits = (await (await page.request.get(`${BASE}/api/v1/search?q=tandarts`)).json()).hits;
      unfound = !hits.some((h) => h.id === RID);
      if (!(gone && unfound)) await new Promise((r) => setTimeout(r, 100));
    }
    report.takedown_ms = Date.now() - t0;
    check("410 within 5 s", gone, report.takedown_ms);
    check("out of search within 5 s", unfound, report.takedown_ms);
    const goneAnswer = await page.goto(`${BASE}/uitspraak/${SLUG}`);
    check("the page says 410 Gone", goneAnswer.status() === 410, goneAnswer.status());
    await page.goto(`${BASE}/beheer/uitspraak/${RID}`);
    check("the report is closed with the note", (await page.textContent(".reports")).includes("naam gevonden"));
  });

  await run("log out", async () => {
    await Promise.all([page.waitForURL("**/beheer/inloggen"), page.click(".beheer-bar button[type=submit]")]);
    const after = await page.goto(BASE + "/beheer");
    check("logged out", after.status() === 401, after.status());
  });
} finally {
  await h.finish();
}
