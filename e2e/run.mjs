// End-to-end test of `herald serve`'s page in headless Chromium.
//
//   node e2e/run.mjs path/to/herald
//
// Ingests examples/, a dozen dated reports and three hostile stories
// (script and img-onerror payloads in titles and text, a javascript: url,
// multi-byte text before the spans) into a temporary store, starts
// `herald serve --port 0` (reading the bound address from its stdout) and
// drives the page in Debian's /usr/bin/chromium (override with $CHROMIUM)
// through playwright-core, with real mouse clicks and key presses: the
// filters, the brush on the timeline, the roll-up toggle, the search box, a
// node, an edge, a story's other events, the map and the downloads. Each check
// compares what the page shows with what the API answers. Saves screenshots
// of the main views in e2e/out/ and ends with the line `N passed, M failed`.
// Builds nothing itself.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const herald = resolve(process.argv[2] ?? join(root, "target/debug/herald"));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const outDir = join(root, "e2e/out");
const work = mkdtempSync(join(tmpdir(), "herald-e2e-"));
const db = join(work, "e2e.db");

let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed += 1;
    console.log(`FAILED - ${name}: ${err && err.stack ? err.stack : err}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function same(got, want, what) {
  assert(JSON.stringify(got) === JSON.stringify(want), `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

/** Starts `herald serve --port 0` and resolves with its base URL once it prints it. */
function serve() {
  const child = spawn(herald, ["serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error("herald serve printed no address in 20 s")), 20_000);
    child.on("exit", (code) => reject(new Error(`herald serve exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = line.match(/http:\/\/[^\s]+\//);
      if (m) {
        clearTimeout(timer);
        resolveUrl({ child, url: m[0] });
      }
    });
  });
}

const HOSTILE = [
  {
    id: "xss-1",
    date: "2024-02-20",
    source: "hostile feed",
    title: '<img src=x onerror="window.__xss=1"> Border report',
    url: "javascript:window.__xss=4",
    text: "Armenian troops attacked Azerbaijani positions <script>window.__xss=2</script> near the border.",
  },
  {
    id: "xss-2",
    date: "2024-02-21",
    source: "hostile feed",
    title: "<script>window.__xss=5</script>",
    url: "https://example.org/xss-2",
    text: 'Azerbaijani soldiers shelled Armenian villages <img src=x onerror="window.__xss=3"> overnight.',
  },
  {
    id: "utf8-1",
    date: "2024-02-22",
    source: "hostile feed",
    title: "Ağdam",
    url: "https://example.org/utf8",
    text: "Near Ağdam 🙂, Armenian troops attacked Azerbaijani positions.",
  },
];

let server;
let context;
try {
  mkdirSync(outDir, { recursive: true });
  // The examples have few dates; a dozen dated reports give the timeline something to draw.
  const dated = join(work, "dated.jsonl");
  const reports = Array.from({ length: 12 }, (_, i) => ({
    id: `dated-${i}`,
    date: `2024-0${1 + (i % 3)}-${String(3 + 2 * i).padStart(2, "0")}`,
    title: `Dated report ${i}`,
    text:
      i % 4 === 3
        ? "Armenian troops and Azerbaijani soldiers exchanged prisoners."
        : `Armenian troops attacked Azerbaijani positions near ${["Ganja", "Tovuz", "Gyumri"][i % 3]} village ${i} overnight. The Armenian government accused Azerbaijan of provocations.`,
  }));
  // A second report of the first event: linked to it, not counted twice.
  reports.push({ ...reports[0], id: "dated-0-again" });
  writeFileSync(dated, reports.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const hostile = join(work, "hostile.jsonl");
  writeFileSync(hostile, HOSTILE.map((r) => JSON.stringify(r)).join("\n") + "\n");

  await check("herald ingest stores the examples", async () => {
    const inputs = [join(root, "examples/news"), join(root, "examples/stories.jsonl"), dated, hostile];
    const run = spawnSync(herald, ["ingest", "--db", db, ...inputs], { encoding: "utf8" });
    assert(run.status === 0, `ingest exited with ${run.status}: ${run.stderr}`);
    assert(/21 stories stored/.test(run.stderr), `unexpected summary: ${run.stderr}`);
  });

  server = await serve();
  const url = server.url;
  const json = async (path) => (await fetch(`${url}${path}`)).json();
  console.log(`# serving at ${url}`);

  await check("bad parameters are 400s with a JSON error", async () => {
    for (const path of ["api/events?limit=0", "api/events.csv?colour=red", "api/network?rollup=region"]) {
      const res = await fetch(`${url}${path}`);
      const body = await res.json();
      assert(res.status === 400, `${path}: status ${res.status}`);
      assert(/^(bad|unknown)_parameter$/.test(body.error?.code), `${path}: ${JSON.stringify(body)}`);
    }
  });

  // A fresh profile every run, and no traffic beyond loopback.
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: chromiumPath,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1500, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  page.on("dialog", (d) => {
    pageErrors.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });

  const shot = (name) => page.screenshot({ path: join(outDir, name), fullPage: true });
  // The page marks itself ready when every change of view is done.
  const settled = () => page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 15_000 });
  const query = () => new URL(page.url()).searchParams;
  const cyEdges = () => page.evaluate(() => window.heraldCy.edges().map((e) => ({ id: e.id(), events: e.data("events") })));
  const cyNodes = () => page.evaluate(() => window.heraldCy.nodes().map((n) => ({ id: n.id(), kind: n.data("kind"), label: n.data("label") })));
  // A real mouse click where cytoscape draws the element.
  const clickElement = async (id) => {
    const at = await page.evaluate((id) => {
      const cy = window.heraldCy;
      const e = cy.getElementById(id);
      if (e.empty()) return null;
      const box = cy.container().getBoundingClientRect();
      const p = e.isNode() ? e.renderedPosition() : e.renderedMidpoint();
      return { x: box.left + p.x, y: box.top + p.y };
    }, id);
    assert(at, `no ${id} in the network`);
    await page.mouse.click(at.x, at.y);
  };
  const eventMetas = () => page.locator("#events > li .meta").allTextContents();

  await check("the workbench opens: network with names, timeline, events", async () => {
    await page.goto(url);
    await settled();
    const nodes = await cyNodes();
    const edges = await cyEdges();
    const net = await json("api/network?top=150");
    same(edges.length, net.edges.length, "edges");
    const armmil = nodes.find((n) => n.id === "ARMMIL");
    assert(armmil && armmil.label === "Armenia: military\nARMMIL", `ARMMIL's label: ${JSON.stringify(armmil)}`);
    assert(await page.locator("#overview canvas").count() > 0, "no overall timeline");
    const tl = await json("api/timeline?period=week");
    same(await page.locator("#overview").getAttribute("data-points"), String(tl.points.length), "timeline points");
    const title = await page.locator("#events-title").textContent();
    const all = (await json("api/timeline?period=all")).points[0];
    assert(title.startsWith(`Events of the selection: ${all.events} distinct events, ${all.mentions} reports; showing 50+`), title);
    same(await page.locator("#events > li").count(), 50, "events on the first page");
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
    await shot("01-workbench.png");
    await page.click("#events-more");
    await settled();
    same(await page.locator("#events > li").count(), Math.min(100, all.mentions), "events after a second page");
    assert(/showing \d+$/.test(await page.locator("#events-title").textContent()), "still more pages");
  });

  await check("the map: where events happened, shaded and dotted; a click on a country filters everything", async () => {
    await page.goto(url);
    await settled();
    const places = await json("api/places");
    same(await page.locator("#map circle.place").count(), places.points.length, "places on the map");
    const shaded = await page.locator("#map path.country.located").evaluateAll((ps) => ps.map((p) => p.dataset.country));
    for (const c of ["AZE", "CHE"]) assert(shaded.includes(c), `${c} not shaded: ${shaded}`);
    assert(shaded.every((c) => places.countries.some((p) => p.country === c)), `shaded without events: ${shaded}`);
    // A real mouse click in the middle of Switzerland (Geneva's events).
    await page.locator('#map path.country.located[data-country="CHE"]').click({ force: true });
    await settled();
    same(query().get("location_country"), "CHE", "the clicked country, in the URL");
    assert((await page.locator("#f-where-label").textContent()).includes("CHE"), "no Where chip");
    const all = (await json("api/timeline?period=all&location_country=CHE")).points[0];
    same(await page.locator("#events > li").count(), all.mentions, "events that happened in Switzerland");
    const net = await json("api/network?top=150&location_country=CHE");
    same((await cyEdges()).length, net.edges.length, "network edges of events in Switzerland");
    same(await page.locator("#overview").getAttribute("data-points"), String((await json("api/timeline?period=week&location_country=CHE")).points.length), "timeline of events in Switzerland");
    same(await page.locator("#map circle.place").count(), (await json("api/places?location_country=CHE")).points.length, "places of the filtered map");
    await shot("07-map-country.png");
    await page.click("#f-where-clear");
    await settled();
    assert(!query().has("location_country"), "the Where filter stays after clearing it");
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
  });

  await check("hostile story text and titles are shown as text, never run", async () => {
    // A shared URL: the filters come from it.
    await page.goto(`${url}?from=2024-02-20&to=2024-02-22`);
    await settled();
    same(await page.locator("#f-from").inputValue(), "2024-02-20", "from, read from the URL");
    const items = page.locator("#events > li");
    same(await items.count(), 3, "events of the three hostile stories");
    const text = await page.locator("#events").textContent();
    for (const payload of HOSTILE.flatMap((h) => [h.title])) assert(text.includes(payload), `title not shown as text: ${payload}`);
    assert(text.includes("<script>window.__xss=2</script>"), "the <script> in a sentence is not shown as text");
    assert(text.includes('<img src=x onerror="window.__xss=3">'), "the <img> in a sentence is not shown as text");
    same(await page.locator("#events img, #events script").count(), 0, "img or script elements in the list");
    same(await page.evaluate(() => window.__xss), undefined, "window.__xss (a payload ran)");
    // The javascript: url is no link; the https one is.
    const links = await page.locator("#events .story a").evaluateAll((as) => as.map((a) => a.href));
    assert(!links.some((h) => h.startsWith("javascript:")), `links: ${links}`);
    assert(links.includes("https://example.org/xss-2"), `links: ${links}`);
    // Spans after multi-byte characters are highlighted where they are.
    const utf8 = items.filter({ hasText: "Ağdam 🙂" });
    same(await utf8.locator("mark.source").textContent(), "Armenian troops", "source after multi-byte text");
    same(await utf8.locator("mark.verb").textContent(), "attacked", "verb after multi-byte text");
    same(await utf8.locator("mark.target").textContent(), "Azerbaijani", "target after multi-byte text");
    assert((await utf8.locator(".pattern").textContent()).startsWith("Pattern: verbs.txt:"), "no pattern shown");
    await shot("06-hostile-text.png");
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
  });

  await check("filters: PLOVER type, CAMEO root, quad class, a floor of events; kept in the URL", async () => {
    await page.goto(url);
    await settled();
    await page.selectOption("#f-plover", "ASSAULT");
    await settled();
    same(query().get("plover"), "ASSAULT", "plover in the URL");
    const metas = await eventMetas();
    assert(metas.length > 0 && metas.every((m) => m.includes(" · ASSAULT · ")), `events not all ASSAULT: ${metas}`);
    same((await cyEdges()).length, (await json("api/network?top=150&plover=ASSAULT")).edges.length, "ASSAULT edges");
    await page.selectOption("#f-quad", "4");
    await settled();
    same(query().get("quad"), "4", "quad in the URL");
    const quad4 = await json("api/events?plover=ASSAULT&quad=4&limit=1000");
    same(await page.locator("#events > li").count(), Math.min(50, quad4.events.length), "events of quad class 4");
    await page.selectOption("#f-root", "19");
    await settled();
    const fights = await json("api/events?plover=ASSAULT&quad=4&root=19&limit=1000");
    same(await page.locator("#events > li").count(), Math.min(50, fights.events.length), "events of root 19");
    await page.fill("#f-min", "2");
    await page.press("#f-min", "Enter");
    await page.locator("#f-min").blur();
    await settled();
    same(query().get("min"), "2", "min in the URL");
    const edges = await cyEdges();
    const api = await json("api/network?top=150&plover=ASSAULT&quad=4&root=19&min_events=2");
    same(edges.length, api.edges.length, "edges of 2 events or more");
    assert(edges.length > 0 && edges.every((e) => e.events >= 2), `edges: ${JSON.stringify(edges)}`);
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
  });

  await check("the brush on the timeline chooses dates", async () => {
    await page.goto(`${url}?plover=ASSAULT&period=month`);
    await settled();
    const box = await page.locator("#overview .u-over").boundingBox();
    assert(box, "no chart to brush");
    // From the first month's bar to the middle of the chart.
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await settled();
    const from = query().get("from");
    const to = query().get("to");
    assert(/^\d{4}-\d{2}-01$/.test(from) && to > from, `from ${from} to ${to}`);
    same(await page.locator("#f-from").inputValue(), from, "the from field");
    same(await page.locator("#f-to").inputValue(), to, "the to field");
    const days = (await eventMetas()).map((m) => m.slice(0, 10));
    assert(days.length > 0 && days.every((d) => d >= from && d <= to), `days ${days} outside ${from}..${to}`);
    const api = await json(`api/network?top=150&plover=ASSAULT&from=${from}&to=${to}`);
    same((await cyEdges()).length, api.edges.length, "edges in the date range");
    await shot("02-filters-and-brush.png");
    // Back: the browser's history holds the views.
    await page.goBack();
    await settled();
    assert(!query().has("from"), `after going back: ${page.url()}`);
  });

  await check("rolled up to countries, the search box picks a country", async () => {
    await page.goto(url);
    await settled();
    await page.check("#f-rollup");
    await settled();
    same(query().get("rollup"), "country", "rollup in the URL");
    const nodes = await cyNodes();
    const arm = nodes.find((n) => n.id === "ARM");
    assert(arm && arm.kind === "country" && arm.label === "Armenia\nARM", `ARM: ${JSON.stringify(arm)}`);
    assert(!nodes.some((n) => n.id === "ARMMIL"), "ARMMIL is not rolled up");
    await page.click("#f-search");
    await page.keyboard.type("armen", { delay: 30 });
    await page.waitForSelector("#suggestions li[role=option]");
    const first = await page.locator("#suggestions li[role=option]").first().textContent();
    assert(first.startsWith("Armenia ARM · country"), `first suggestion: ${first}`);
    await shot("03-search.png");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await settled();
    same(query().get("country"), "ARM", "country in the URL");
    same(await page.locator("#f-pick-label").textContent(), "Country: Armenia (ARM)", "the picked country");
    const total = (await json("api/timeline?period=all&country=ARM")).points[0];
    const title = await page.locator("#events-title").textContent();
    assert(title.startsWith(`Events of the selection: ${total.events} distinct events`), title);
    const net = await json("api/network?top=150&rollup=country&country=ARM");
    same((await cyEdges()).map((e) => e.id).sort(), net.edges.map((e) => `${e.source}->${e.target}`).sort(), "edges of Armenia");
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
  });

  await check("a node shows its timeline, its top partners and its events", async () => {
    await clickElement("AZE");
    await settled();
    same(query().get("focus"), "country:AZE", "focus in the URL");
    same(await page.locator("#focus-title").textContent(), "Azerbaijan (AZE)", "focus title");
    assert(await page.locator("#focus-timeline canvas").count() > 0, "no timeline for the node");
    const partners = await page.locator("#partners li").allTextContents();
    assert(partners.some((p) => p.startsWith("Armenia (ARM)")), `partners: ${partners}`);
    // The node replaces the picked country: Azerbaijan's events.
    const total = (await json("api/timeline?period=all&country=AZE")).points[0];
    const title = await page.locator("#events-title").textContent();
    assert(title.startsWith(`Events of Azerbaijan (AZE): ${total.events} distinct events`), title);
    await shot("04-node.png");
    // A partner is a link to its own view.
    await page.locator("#partners button", { hasText: "Armenia (ARM)" }).first().click();
    await settled();
    same(query().get("focus"), "country:ARM", "focus after a partner's click");
  });

  await check("an edge shows the dyad's events with their evidence, story and downloads", async () => {
    await page.goto(url);
    await settled();
    await clickElement("ARMMIL->AZE");
    await settled();
    const title = await page.locator("#events-title").textContent();
    assert(title.startsWith("Events of Armenia: military (ARMMIL) → Azerbaijan (AZE)"), title);
    same(query().get("focus"), "actor:ARMMIL>actor:AZE", "focus in the URL");
    const api = await json("api/events?source=ARMMIL&target=AZE&limit=1000");
    const event = api.events[0];
    const shown = page.locator("#events > li").first();
    same(await shown.locator(".sentence").textContent(), event.sentence, "sentence");
    same(await shown.locator("mark.source").textContent(), event.source.text, "highlighted source");
    same(await shown.locator("mark.verb").textContent(), event.verb.text, "highlighted verb");
    same(await shown.locator("mark.target").textContent(), event.target.text, "highlighted target");
    same(await shown.locator(".actors").textContent(), "ARMMIL (Armenia: military) → AZE (Azerbaijan)", "actors");
    const story = await shown.locator(".story").textContent();
    assert(story.startsWith(`Story: ${event.story.title ?? event.story.id}`), `story: ${story}`);
    same(await shown.locator(".pattern").textContent(), `Pattern: ${event.pattern}`, "pattern");
    const metas = await eventMetas();
    assert(metas.filter((m) => m.includes("reported 2×")).length === 2, `no duplicate report shown: ${metas}`);
    assert(await page.locator("#focus-timeline canvas").count() > 0, "no timeline for the edge");
    // The story's other events, on demand.
    const withOthers = page.locator("#events > li", { has: page.locator(".story-toggle") }).first();
    await withOthers.locator(".story-toggle").click();
    await settled();
    assert((await withOthers.locator(".story-events li").count()) >= 1, "no other event of the story");
    await shot("05-edge-evidence.png");

    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#dl-csv")]);
    same(csv.suggestedFilename(), "herald-events.csv", "CSV file name");
    const lines = readFileSync(await csv.path(), "utf8").trim().split("\n");
    assert(lines[0].startsWith("event_id,canonical_id,mentions,day,story_id,"), `CSV header: ${lines[0]}`);
    same(lines.length - 1, api.events.length, "CSV rows");
    const [parquet] = await Promise.all([page.waitForEvent("download"), page.click("#dl-parquet")]);
    const bytes = readFileSync(await parquet.path());
    assert(bytes.subarray(0, 4).toString() === "PAR1" && bytes.subarray(-4).toString() === "PAR1", "not a Parquet file");
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
  });

  await check("a shared URL restores the view", async () => {
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await other.waitForFunction(() => document.body.dataset.ready === "true");
    same(await other.locator("#focus-title").textContent(), "Armenia: military (ARMMIL) → Azerbaijan (AZE)", "focus title");
    await other.close();
    same(await page.evaluate(() => window.__xss), undefined, "window.__xss (a payload ran)");
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
  });
} catch (err) {
  failed += 1;
  console.log(`FAILED - setup: ${err && err.stack ? err.stack : err}`);
} finally {
  if (context) await context.close().catch(() => {});
  if (server) server.child.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
