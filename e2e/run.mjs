// End-to-end test of `herald serve` in headless Chromium.
//
//   node e2e/run.mjs path/to/herald
//
// Ingests examples/ into a temporary store, starts `herald serve --port 0`
// (reading the bound address from its stdout), opens the page in Debian's
// /usr/bin/chromium (override with $CHROMIUM) through playwright-core, clicks
// an edge of the actor network with a real mouse click, and checks that the
// drill-down panel shows the event's sentence with its spans highlighted.
// Saves target/e2e/screenshot.png and ends with the line `N passed, M failed`.
// Builds nothing itself.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const herald = resolve(process.argv[2] ?? join(root, "target/debug/herald"));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const outDir = join(root, "target/e2e");
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

let server;
let context;
try {
  mkdirSync(outDir, { recursive: true });
  // The examples have few dates; a dozen dated reports give the timeline something to draw.
  const dated = join(work, "dated.jsonl");
  const reports = Array.from({ length: 12 }, (_, i) => ({
    id: `dated-${i}`,
    date: `2024-0${1 + (i % 3)}-${String(3 + 2 * i).padStart(2, "0")}`,
    text:
      i % 4 === 3
        ? "Armenian troops and Azerbaijani soldiers exchanged prisoners."
        : `Armenian troops attacked Azerbaijani positions near village ${i} overnight.`,
  }));
  // A second report of the first event: linked to it, not counted twice.
  reports.push({ ...reports[0], id: "dated-0-again" });
  writeFileSync(dated, reports.map((r) => JSON.stringify(r)).join("\n") + "\n");

  await check("herald ingest stores the examples", async () => {
    const inputs = [join(root, "examples/news"), join(root, "examples/stories.jsonl"), dated];
    const run = spawnSync(herald, ["ingest", "--db", db, ...inputs], { encoding: "utf8" });
    assert(run.status === 0, `ingest exited with ${run.status}: ${run.stderr}`);
    assert(/18 stories stored/.test(run.stderr), `unexpected summary: ${run.stderr}`);
  });

  server = await serve();
  const url = server.url;
  console.log(`# serving at ${url}`);

  await check("a bad parameter is a 400 with a JSON error", async () => {
    const res = await fetch(`${url}api/events?limit=0`);
    const body = await res.json();
    assert(res.status === 400, `status ${res.status}`);
    assert(body.error && body.error.code === "bad_parameter", JSON.stringify(body));
  });

  // A fresh profile every run, and no traffic beyond loopback.
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
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

  await check("the page draws the actor network", async () => {
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
    const counts = await page.evaluate(() => [window.heraldCy.nodes().length, window.heraldCy.edges().length]);
    assert(counts[0] > 1 && counts[1] > 0, `nodes, edges = ${counts}`);
    assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
  });

  await check("clicking an edge shows the dyad's events and sentences", async () => {
    // The edge's on-screen position comes from cytoscape; the click is a real mouse click there.
    const edge = await page.evaluate(() => {
      const cy = window.heraldCy;
      const e = cy.getElementById("ARMMIL->AZE");
      if (e.empty()) return null;
      const box = cy.container().getBoundingClientRect();
      const mid = e.renderedMidpoint();
      return { source: e.data("source"), target: e.data("target"), x: box.left + mid.x, y: box.top + mid.y };
    });
    assert(edge, "no ARMMIL -> AZE edge in the network");
    await page.mouse.click(edge.x, edge.y);
    await page.waitForFunction(
      (title) => document.querySelector("#events-title").textContent.startsWith(title),
      `Events from ${edge.source} to ${edge.target}`,
      { timeout: 10_000 },
    );
    const api = await (await fetch(`${url}api/events?source=${edge.source}&target=${edge.target}&limit=1`)).json();
    const event = api.events[0];
    assert(event, `no events for ${edge.source} -> ${edge.target}`);
    const shown = await page.locator("#events li").first();
    const text = await shown.locator(".sentence").textContent();
    assert(text === event.sentence, `drill-down shows ${JSON.stringify(text)}, expected ${JSON.stringify(event.sentence)}`);
    const source = await shown.locator("mark.source").textContent();
    assert(source === event.source.text, `highlighted source ${JSON.stringify(source)}, expected ${event.source.text}`);
    const verb = await shown.locator("mark.verb").textContent();
    assert(verb === event.verb.text, `highlighted verb ${JSON.stringify(verb)}, expected ${event.verb.text}`);
    const target = await shown.locator("mark.target").textContent();
    assert(target === event.target.text, `highlighted target ${JSON.stringify(target)}, expected ${event.target.text}`);
    const title = await page.locator("#timeline-title").textContent();
    assert(title.startsWith(`${edge.source} → ${edge.target}`), `timeline title ${title}`);
    const tl = await (await fetch(`${url}api/dyads/${edge.source}/${edge.target}/timeline?period=week`)).json();
    assert(tl.points.length > 0, `no dated events for ${edge.source} -> ${edge.target}`);
    assert(await page.locator("#timeline canvas").count() > 0, "the timeline has points but no chart");
    const items = await page.locator("#events li .meta").allTextContents();
    assert(items.filter((m) => m.includes("reported 2×")).length === 2, `no duplicate report shown: ${items}`);
    console.log(`# clicked ${edge.source} -> ${edge.target}: "${event.sentence}"`);
  });

  await check("the screenshot is saved", async () => {
    await page.screenshot({ path: join(outDir, "screenshot.png"), fullPage: true });
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
