// herald's page: the actor network (cytoscape), a dyad's timeline (uPlot),
// and the event reports behind it with source, target and verb highlighted.
// Everything comes from the JSON API of `herald serve`.
"use strict";

const $ = (sel) => document.querySelector(sel);
const state = { dyad: null, period: "week", plot: null };

async function api(path) {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) {
    const e = body.error || {};
    throw new Error(`${res.status} ${e.code}: ${e.message}`);
  }
  return body;
}

function showError(err) {
  const el = $("#error");
  el.textContent = String(err.message || err);
  el.hidden = false;
}

// Mean Goldstein from -10 (red) through 0 (grey) to +10 (green).
function goldsteinColor(g) {
  if (g === null || g === undefined) return "rgb(150,150,150)";
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [150, 150, 150];
  const to = t < 0 ? [205, 30, 30] : [25, 150, 60];
  const c = grey.map((v, i) => Math.round(v + (to[i] - v) * Math.abs(t)));
  return `rgb(${c.join(",")})`;
}

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.assign(node, attrs || {});
  for (const c of children || []) node.append(c);
  return node;
}

async function loadNetwork() {
  const [summary, net] = await Promise.all([api("/api/summary"), api("/api/network")]);
  $("#summary").textContent =
    `${summary.stories} stories · ${summary.events} event reports · ` +
    `${summary.canonical_events} distinct events · ${summary.dyads} dyads · ${summary.rejected} rejected inputs`;
  const maxEvents = Math.max(1, ...net.edges.map((e) => e.events));
  const elements = [
    ...net.nodes.map((n) => ({ data: { id: n.id, label: n.id, events: n.events } })),
    ...net.edges.map((e) => ({
      data: {
        id: `${e.source}->${e.target}`,
        source: e.source,
        target: e.target,
        events: e.events,
        mean: e.goldstein_mean,
        color: goldsteinColor(e.goldstein_mean),
        width: 1.5 + 8 * Math.sqrt(e.events / maxEvents),
      },
    })),
  ];
  const cy = cytoscape({
    container: $("#network"),
    elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#556", width: 18, height: 18 } },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          opacity: 0.85,
        },
      },
      { selector: "edge:selected", style: { opacity: 1, "overlay-opacity": 0.15, "overlay-color": "#000" } },
    ],
    layout: { name: "cose", animate: false, nodeDimensionsIncludeLabels: true },
  });
  cy.on("tap", "edge", (ev) => selectDyad(ev.target.data("source"), ev.target.data("target")).catch(showError));
  cy.on("tap", "node", (ev) => {
    const id = ev.target.id();
    showEvents(`Events involving ${id}`, { actor: id }).catch(showError);
  });
  // For tests and the console.
  window.heraldCy = cy;
  document.body.dataset.ready = "true";
}

async function selectDyad(source, target) {
  state.dyad = { source, target };
  await Promise.all([loadTimeline(), showEvents(`Events from ${source} to ${target}`, { source, target })]);
}

async function loadTimeline() {
  const { source, target } = state.dyad;
  const path = `/api/dyads/${encodeURIComponent(source)}/${encodeURIComponent(target)}/timeline?period=${state.period}`;
  const tl = await api(path);
  $("#timeline-title").textContent = `${source} → ${target}, per ${tl.period} (dated events only)`;
  const xs = tl.points.map((p) => Date.parse(p.period + "T00:00:00Z") / 1000);
  // A zero count is no bar (null), rather than a bar of zero height drawn as a line.
  const count = (n) => n || null;
  const data = [
    xs,
    tl.points.map((p) => count(p.cooperation)),
    tl.points.map((p) => count(p.conflict)),
    tl.points.map((p) => p.goldstein_mean),
  ];
  if (state.plot) state.plot.destroy();
  const box = $("#timeline");
  box.textContent = "";
  if (xs.length === 0) {
    box.textContent = "No dated events for this dyad.";
    state.plot = null;
    return;
  }
  // Cooperation left of the period's mark, conflict right of it: side by side, never hidden.
  const left = uPlot.paths.bars({ size: [0.35, 20], align: -1 });
  const right = uPlot.paths.bars({ size: [0.35, 20], align: 1 });
  // Half a period either side, so the first and last bars are drawn whole.
  const pad = { day: 0.5, week: 3.5, month: 15 }[tl.period] * 86400;
  state.plot = new uPlot(
    {
      width: box.clientWidth || 500,
      height: 220,
      // Goldstein scores lie in [-10, 10]; the margin keeps a mean of -10 off the x axis.
      scales: {
        x: { time: true, range: (u, min, max) => [min - pad, max + pad] },
        y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] },
        g: { range: [-11, 11] },
      },
      series: [
        {},
        { label: "cooperation", stroke: "rgb(25,150,60)", fill: "rgba(25,150,60,.25)", paths: left, points: { show: false } },
        { label: "conflict", stroke: "rgb(205,30,30)", fill: "rgba(205,30,30,.25)", paths: right, points: { show: false } },
        { label: "mean Goldstein", stroke: "#335", width: 2, scale: "g" },
      ],
      axes: [{}, { label: "events" }, { side: 1, scale: "g", label: "Goldstein", grid: { show: false } }],
    },
    data,
    box,
  );
}

// The events panel's selection; a newer one makes pages still loading for an older one stale.
let selection = null;

async function showEvents(title, filter) {
  $("#events").textContent = "";
  selection = { title, filter, shown: 0, next: null };
  await moreEvents();
}

// Appends the selection's next page (pages follow `next`, so deep pages cost the same).
async function moreEvents() {
  const sel = selection;
  const params = new URLSearchParams({ ...sel.filter, limit: "200" });
  if (sel.next !== null) params.set("after", sel.next);
  const res = await api(`/api/events?${params}`);
  if (sel !== selection) return;
  sel.shown += res.events.length;
  sel.next = res.next;
  $("#events-title").textContent = `${sel.title} (${sel.shown}${res.next !== null ? "+" : ""})`;
  const list = $("#events");
  for (const e of res.events) {
    const sentence = el(
      "p",
      { className: "sentence" },
      e.segments.map((s) => (s.role ? el("mark", { className: s.role, title: s.role, textContent: s.text }) : s.text)),
    );
    const reports = e.mentions > 1 ? ` · reported ${e.mentions}×` : "";
    const meta = el("div", {
      className: "meta",
      textContent:
        `${e.day || e.date || "undated"} · ${e.cameo} ${e.cameo_name ?? ""} · Goldstein ${e.goldstein ?? "n/a"}` +
        `${reports} · ${e.story_id} #${e.sentence_index}`,
    });
    list.append(el("li", { className: "event" }, [meta, sentence]));
  }
  $("#events-more").hidden = res.next === null;
}

$("#events-more").addEventListener("click", () => moreEvents().catch(showError));

for (const button of document.querySelectorAll("#period button")) {
  button.addEventListener("click", () => {
    state.period = button.dataset.period;
    for (const b of document.querySelectorAll("#period button")) b.classList.toggle("active", b === button);
    if (state.dyad) loadTimeline().catch(showError);
  });
}

loadNetwork().catch(showError);
