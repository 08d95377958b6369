// herald's page: an analyst's workbench over `herald serve`'s JSON API.
//
// Filters (dates, a country or actor, PLOVER type, CAMEO root, quad class,
// a floor of events per edge, the roll-up to countries) live in the URL, so
// a view can be shared. They drive the actor network (cytoscape), the
// overall timeline (uPlot, stacked by quad class, with a brush for dates),
// and the event list with its evidence. A node or an edge focuses the
// timeline, the partners and the events on it. The map (d3-geo over
// world-atlas's countries, drawn offline as SVG) shows where the selected
// events happened; a click on a country or a place filters the selection by
// the country of the events' location. Names of actors come from the API
// (herald's tables); all text goes in as text, never as HTML.
"use strict";

const $ = (sel) => document.querySelector(sel);
const QUAD_COLORS = ["#2b8a3e", "#74c69d", "#f08c00", "#c92a2a"];
const NO_QUAD_COLOR = "#adb5bd";
const EVENTS_PAGE = 50;

// The view: filters and focus, read from and written to the URL.
const view = {
  from: "",
  to: "",
  pick: null, // {kind: "country"|"actor", code, name}
  where: null, // {code, name}: the country events happened in
  plover: "",
  root: "",
  quad: "",
  min: 1,
  top: 150,
  rollup: false,
  period: "week",
  focus: null, // {type: "node", node} | {type: "edge", source, target}; nodes are {kind, id}
};

// Names of codes seen in the network and suggestions, for titles.
const names = new Map();
const nameOf = (id) => names.get(id) || null;
const labelOf = (id) => (nameOf(id) ? `${nameOf(id)} (${id})` : id);

// ---------------------------------------------------------------- helpers

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

function clearError() {
  $("#error").hidden = true;
}

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.assign(node, attrs || {});
  for (const c of children || []) node.append(c);
  return node;
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

// A link only to the web: a story's url is data, and `javascript:` is code.
function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

// The last day of the period that starts on `day`.
function periodEnd(day, period) {
  const d = new Date(day + "T00:00:00Z");
  if (period === "week") d.setUTCDate(d.getUTCDate() + 6);
  if (period === "month") d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return isoDay(d.getTime());
}

// ------------------------------------------------------------ URL and view

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

function nodeParam(n) {
  return `${n.kind}:${n.id}`;
}

function parseNode(text) {
  const m = /^(actor|country):([A-Za-z0-9_-]{1,64})$/.exec(text || "");
  return m ? { kind: m[1], id: m[2] } : null;
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  const get = (k, re) => {
    const v = q.get(k) || "";
    return re.test(v) ? v : "";
  };
  view.from = get("from", DATE);
  view.to = get("to", DATE);
  view.pick = null;
  for (const kind of ["country", "actor"]) {
    const code = get(kind, CODE);
    if (code) view.pick = { kind, code, name: null };
  }
  const where = get("location_country", CODE);
  view.where = where ? { code: where, name: null } : null;
  view.plover = get("plover", CODE);
  view.root = get("root", /^\d{2}$/);
  view.quad = get("quad", /^[1-4]$/);
  view.min = Math.max(1, parseInt(q.get("min") || "1", 10) || 1);
  view.top = ["50", "150", "500"].includes(q.get("top")) ? Number(q.get("top")) : 150;
  view.rollup = q.get("rollup") === "country";
  view.period = ["day", "week", "month"].includes(q.get("period")) ? q.get("period") : "week";
  view.focus = null;
  const focus = q.get("focus") || "";
  if (focus.includes(">")) {
    const [s, t] = focus.split(">").map(parseNode);
    if (s && t) view.focus = { type: "edge", source: s, target: t };
  } else if (parseNode(focus)) {
    view.focus = { type: "node", node: parseNode(focus) };
  }
}

function writeUrl(push) {
  const q = new URLSearchParams();
  if (view.from) q.set("from", view.from);
  if (view.to) q.set("to", view.to);
  if (view.pick) q.set(view.pick.kind, view.pick.code);
  if (view.where) q.set("location_country", view.where.code);
  if (view.plover) q.set("plover", view.plover);
  if (view.root) q.set("root", view.root);
  if (view.quad) q.set("quad", view.quad);
  if (view.min > 1) q.set("min", String(view.min));
  if (view.top !== 150) q.set("top", String(view.top));
  if (view.rollup) q.set("rollup", "country");
  if (view.period !== "week") q.set("period", view.period);
  if (view.focus?.type === "node") q.set("focus", nodeParam(view.focus.node));
  if (view.focus?.type === "edge") q.set("focus", `${nodeParam(view.focus.source)}>${nodeParam(view.focus.target)}`);
  const url = `${location.pathname}${q.toString() ? "?" + q : ""}`;
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
}

// The API filter of the selection: what every view shares.
function selection() {
  const p = new URLSearchParams();
  if (view.from) p.set("from", view.from);
  if (view.to) p.set("to", view.to);
  if (view.pick) p.set(view.pick.kind, view.pick.code);
  if (view.where) p.set("location_country", view.where.code);
  if (view.plover) p.set("plover", view.plover);
  if (view.root) p.set("root", view.root);
  if (view.quad) p.set("quad", view.quad);
  return p;
}

// The selection narrowed to the focused node or edge. A node of the same
// kind as the picked country or actor replaces it.
function focused() {
  const p = selection();
  const f = view.focus;
  if (f?.type === "node") p.set(f.node.kind, f.node.id);
  if (f?.type === "edge") {
    const side = (n, role) => p.set(n.kind === "country" ? `${role}_country` : role, n.id);
    side(f.source, "source");
    side(f.target, "target");
  }
  return p;
}

// Puts the view into the filter form.
function showView() {
  $("#f-from").value = view.from;
  $("#f-to").value = view.to;
  $("#f-plover").value = view.plover;
  $("#f-root").value = view.root;
  $("#f-quad").value = view.quad;
  $("#f-min").value = String(view.min);
  $("#f-top").value = String(view.top);
  $("#f-rollup").checked = view.rollup;
  $("#f-period").value = view.period;
  const where = $("#f-where");
  where.hidden = !view.where;
  if (view.where) {
    const name = view.where.name || nameOf(view.where.code);
    $("#f-where-label").textContent = `Where: ${name ? `${name} (${view.where.code})` : view.where.code}`;
  }
  const pick = $("#f-pick");
  pick.hidden = !view.pick;
  if (view.pick) {
    const name = view.pick.name || nameOf(view.pick.code);
    $("#f-pick-label").textContent = `${view.pick.kind === "country" ? "Country" : "Actor"}: ${name ? `${name} (${view.pick.code})` : view.pick.code}`;
  }
}

// ------------------------------------------------------------------ the map

const SVG = "http://www.w3.org/2000/svg";
let world = null; // world-atlas's country shapes, with their bounds

function svgEl(tag, attrs, children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children || []) node.append(c);
  return node;
}

async function loadWorld() {
  if (!world) {
    const topo = await api("/assets/countries-110m.json");
    world = topojson.feature(topo, topo.objects.countries).features;
    for (const f of world) f.bounds = d3.geoBounds(f);
  }
  return world;
}

// Whether [lon, lat] is within bounds that may cross the antimeridian.
function inBounds([[west, south], [east, north]], lon, lat) {
  const inLon = west <= east ? west <= lon && lon <= east : lon >= west || lon <= east;
  return inLon && south <= lat && lat <= north;
}

// The shape that holds a point.
function shapeAt(lon, lat) {
  return world.find((f) => inBounds(f.bounds, lon, lat) && d3.geoContains(f, [lon, lat])) || null;
}

// Each country's shape. world-atlas names its shapes by ISO numeric code and
// herald its countries by alpha-3, so a shape is known by what lies in it:
// the country's GeoNames point, else (a point off the coarse coast) most of
// its events' places. A border city alone can fall in the neighbour's shape
// at this scale.
function countryShapes(places) {
  const shapes = new Map(); // shape -> country
  const unplaced = [];
  for (const c of places.countries) {
    const f = c.lat != null && c.lon != null ? shapeAt(c.lon, c.lat) : null;
    if (f && !shapes.has(f)) shapes.set(f, c.country);
    else unplaced.push(c.country);
  }
  for (const country of unplaced) {
    const votes = new Map();
    for (const p of places.points.filter((p) => p.country === country)) {
      const f = shapeAt(p.lon, p.lat);
      if (f && !shapes.has(f)) votes.set(f, (votes.get(f) || 0) + p.events);
    }
    const best = [...votes].sort((a, b) => b[1] - a[1])[0];
    if (best) shapes.set(best[0], country);
  }
  return shapes;
}

// Light to dark red by the share of the busiest country's events.
function shade(share) {
  const t = Math.sqrt(Math.max(0, Math.min(1, share)));
  const from = [255, 224, 204];
  const to = [176, 32, 32];
  return `rgb(${from.map((v, i) => Math.round(v + (to[i] - v) * t)).join(",")})`;
}

function pickWhere(code, name) {
  if (!CODE.test(code)) return;
  view.where = { code, name: name || null };
  changed();
}

function drawMap(places) {
  const box = $("#map");
  box.textContent = "";
  const width = Math.max(240, box.clientWidth || 480);
  const height = Math.round(width * 0.5);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, width, height });
  svg.append(svgEl("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  const counts = new Map(places.countries.map((c) => [c.country, c]));
  for (const c of places.countries) if (c.name) names.set(c.country, c.name);
  const shapes = countryShapes(places);
  const most = Math.max(1, ...places.countries.map((c) => c.events));
  for (const f of world) {
    const c = counts.get(shapes.get(f));
    const shape = svgEl("path", { d: path(f), class: c ? "country located" : "country" });
    if (c) {
      shape.style.fill = shade(c.events / most);
      shape.dataset.country = c.country;
      shape.append(svgEl("title", {}, [`${c.name || c.country}: ${c.events} events`]));
      shape.addEventListener("click", () => pickWhere(c.country, c.name));
    }
    svg.append(shape);
  }
  const busiest = Math.max(1, ...places.points.map((p) => p.events));
  for (const p of places.points) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const r = 2.5 + 6 * Math.sqrt(p.events / busiest);
    const dot = svgEl("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1), class: "place" });
    dot.dataset.country = p.country;
    const where = [p.admin1, nameOf(p.country) || p.country].filter(Boolean).join(", ");
    dot.append(svgEl("title", {}, [`${where}: ${p.events} events`]));
    dot.addEventListener("click", () => pickWhere(p.country, nameOf(p.country)));
    svg.append(dot);
  }
  box.append(svg);
  $("#map-empty").hidden = places.points.length > 0;
}

// ------------------------------------------------------------------ charts

const charts = new Map();

// Events per period stacked by quad class (events without one on top, in
// grey), with the mean Goldstein score; `onBrush(from, to)` if dates can
// be chosen by dragging. The x axis spans the filter's dates, if any, else
// the data's.
function drawTimeline(box, tl, onBrush) {
  charts.get(box)?.destroy();
  charts.delete(box);
  box.textContent = "";
  const points = tl.points;
  if (points.length === 0) {
    box.append(el("p", { className: "empty", textContent: "No dated events match." }));
    return;
  }
  const xs = points.map((p) => Date.parse(p.period + "T00:00:00Z") / 1000);
  const quads = [0, 1, 2, 3].map((i) => points.map((p) => p.quad[i]));
  const other = points.map((p) => p.events - p.quad.reduce((a, b) => a + b, 0));
  // Drawn from the top of the stack down, each bar over the one before.
  const layers = [...quads, other];
  const stacks = layers.map((_, i) => points.map((_, j) => layers.slice(0, i + 1).reduce((a, l) => a + l[j], 0)));
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  // Half a period either side, so the first and last bars are drawn whole.
  const pad = { day: 0.5, week: 3.5, month: 15 }[tl.period] * 86400;
  const day = (d) => Date.parse(d + "T00:00:00Z") / 1000;
  const first = view.from ? Math.min(day(view.from), xs[0]) : xs[0];
  const last = view.to ? Math.max(day(view.to), xs[xs.length - 1]) : xs[xs.length - 1];
  const layer = (i, label, color) => ({
    label,
    fill: color,
    stroke: color,
    paths: bars,
    points: { show: false },
    value: (u, v, s, idx) => (idx === null || idx === undefined ? "–" : layers[i][idx]),
  });
  const quadNames = vocabulary ? vocabulary.quad.map((q) => q.name) : ["1", "2", "3", "4"];
  const series = [
    {},
    layer(4, "no quad class", NO_QUAD_COLOR),
    layer(3, quadNames[3], QUAD_COLORS[3]),
    layer(2, quadNames[2], QUAD_COLORS[2]),
    layer(1, quadNames[1], QUAD_COLORS[1]),
    layer(0, quadNames[0], QUAD_COLORS[0]),
    { label: "mean Goldstein", stroke: "#223", width: 2, scale: "g", points: { size: 4 } },
  ];
  const data = [xs, stacks[4], stacks[3], stacks[2], stacks[1], stacks[0], points.map((p) => p.goldstein_mean)];
  const opts = {
    width: box.clientWidth || 500,
    height: 200,
    cursor: { drag: { x: Boolean(onBrush), y: false, setScale: false } },
    scales: {
      x: { time: true, range: () => [first - pad, last + pad] },
      y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] },
      g: { range: [-11, 11] },
    },
    series,
    axes: [{}, { label: "events", size: 50 }, { side: 1, scale: "g", label: "Goldstein", grid: { show: false } }],
    hooks: {
      setSelect: [
        (u) => {
          if (!onBrush || u.select.width < 3) return;
          const first = u.posToIdx(u.select.left);
          const last = u.posToIdx(u.select.left + u.select.width);
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          onBrush(points[first].period, periodEnd(points[last].period, tl.period));
        },
      ],
    },
  };
  const plot = new uPlot(opts, data, box);
  box.dataset.points = String(points.length);
  charts.set(box, plot);
}

// ----------------------------------------------------------------- network

let cy = null;

function drawNetwork(net) {
  for (const n of net.nodes) if (n.name) names.set(n.id, n.name);
  $("#network-empty").hidden = net.edges.length > 0;
  const maxEvents = Math.max(1, ...net.edges.map((e) => e.events));
  const maxNode = Math.max(1, ...net.nodes.map((n) => n.events));
  const elements = [
    ...net.nodes.map((n) => ({
      data: {
        id: n.id,
        kind: n.kind,
        label: n.name ? `${n.name}\n${n.id}` : n.id,
        size: 14 + 26 * Math.sqrt(n.events / maxNode),
      },
    })),
    ...net.edges.map((e) => ({
      data: {
        id: `${e.source}->${e.target}`,
        source: e.source,
        target: e.target,
        events: e.events,
        color: goldsteinColor(e.goldstein_mean),
        width: 1.5 + 8 * Math.sqrt(e.events / maxEvents),
      },
    })),
  ];
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $("#network"),
    elements,
    wheelSensitivity: 0.3,
    // A few nodes would otherwise be drawn huge to fill the panel.
    maxZoom: 1.6,
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "text-wrap": "wrap",
          "font-size": 10,
          "text-valign": "bottom",
          "text-margin-y": 2,
          "background-color": "#4c6ef5",
          width: "data(size)",
          height: "data(size)",
        },
      },
      { selector: "node[kind = 'country']", style: { "background-color": "#364fc7", shape: "round-rectangle" } },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          opacity: 0.8,
        },
      },
      { selector: ".focus", style: { "border-width": 3, "border-color": "#f59f00", opacity: 1, "z-index": 10 } },
      { selector: "edge.focus", style: { "underlay-color": "#f59f00", "underlay-opacity": 0.5, "underlay-padding": 4 } },
    ],
    layout: { name: "cose", animate: false, nodeDimensionsIncludeLabels: true, randomize: false },
  });
  const node = (ele) => ({ kind: ele.data("kind"), id: ele.id() });
  cy.on("tap", "node", (ev) => setFocus({ type: "node", node: node(ev.target) }));
  cy.on("tap", "edge", (ev) => {
    const e = ev.target;
    setFocus({ type: "edge", source: node(e.source()), target: node(e.target()) });
  });
  markFocus();
  // For tests and the console.
  window.heraldCy = cy;
}

function markFocus() {
  if (!cy) return;
  cy.elements().removeClass("focus");
  const f = view.focus;
  if (f?.type === "node") cy.getElementById(f.node.id).addClass("focus");
  if (f?.type === "edge") cy.getElementById(`${f.source.id}->${f.target.id}`).addClass("focus");
}

// ------------------------------------------------------------------ events

// The event list's selection; a newer one makes pages still loading for an
// older one stale.
let listed = null;

function eventItem(e) {
  const sentence = el(
    "p",
    { className: "sentence" },
    e.segments.map((s) => (s.role ? el("mark", { className: s.role, title: s.role, textContent: s.text }) : s.text)),
  );
  const actor = (a, name) => (a ? `${a.code}${name ? ` (${name})` : ""}` : "no target");
  const reports = e.mentions > 1 ? ` · reported ${e.mentions}×` : "";
  const meta = el("div", {
    className: "meta",
    textContent:
      `${e.day || e.date || "undated"} · ${e.cameo} ${e.cameo_name ?? ""} · ${e.plover ?? "no PLOVER type"} · ` +
      `Goldstein ${e.goldstein ?? "n/a"}${reports}`,
  });
  const actors = el("div", {
    className: "actors",
    textContent: `${actor(e.source, e.source_name)} → ${actor(e.target, e.target_name)}`,
  });
  const children = [meta, sentence, actors];
  const s = e.story;
  if (s) {
    const url = s.url ? safeUrl(s.url) : null;
    const title = s.title || s.id;
    const titleNode = url
      ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", textContent: title })
      : el("span", { textContent: title });
    const about = [s.date, s.source, `${e.story_id} #${e.sentence_index}`].filter(Boolean).join(" · ");
    children.push(el("div", { className: "story" }, ["Story: ", titleNode, ` · ${about}`]));
  }
  children.push(el("div", { className: "pattern", textContent: `Pattern: ${e.pattern}` }));
  if (s && s.events > 1) {
    const others = el("ol", { className: "story-events" });
    const button = el("button", {
      type: "button",
      className: "story-toggle",
      textContent: `${s.events - 1} other event${s.events > 2 ? "s" : ""} in this story`,
    });
    button.addEventListener("click", () => track(toggleStory(others, s.row, e.id)));
    children.push(button, others);
  }
  return el("li", { className: "event" }, children);
}

async function toggleStory(list, row, except) {
  if (list.childElementCount > 0) {
    list.textContent = "";
    return;
  }
  const story = await api(`/api/stories/${row}?limit=100`);
  for (const e of story.events.filter((e) => e.id !== except)) {
    const sentence = el(
      "span",
      { className: "sentence" },
      e.segments.map((s) => (s.role ? el("mark", { className: s.role, textContent: s.text }) : s.text)),
    );
    list.append(el("li", {}, [`${e.cameo} ${e.cameo_name ?? ""}: `, sentence]));
  }
}

async function showEvents(title, params) {
  $("#events").textContent = "";
  listed = { title, params, shown: 0, next: null };
  const query = params.toString();
  $("#dl-csv").href = `/api/events.csv${query ? "?" + query : ""}`;
  $("#dl-parquet").href = `/api/events.parquet${query ? "?" + query : ""}`;
  const [total] = await Promise.all([
    api(`/api/timeline?period=all${query ? "&" + query : ""}`),
    moreEvents(),
  ]);
  if (listed.params !== params) return;
  const t = total.points[0] || { events: 0, mentions: 0 };
  listed.total = `${t.events} distinct events, ${t.mentions} reports`;
  titleEvents();
}

function titleEvents() {
  const l = listed;
  $("#events-title").textContent =
    `${l.title}: ${l.total ? l.total + "; " : ""}showing ${l.shown}${l.next !== null ? "+" : ""}`;
}

// Appends the list's next page (pages follow `next`, so deep pages cost the same).
async function moreEvents() {
  const l = listed;
  const params = new URLSearchParams(l.params);
  params.set("limit", String(EVENTS_PAGE));
  if (l.next !== null) params.set("after", l.next);
  const res = await api(`/api/events?${params}`);
  if (l !== listed) return;
  l.shown += res.events.length;
  l.next = res.next;
  titleEvents();
  for (const e of res.events) $("#events").append(eventItem(e));
  $("#events-more").hidden = res.next === null;
}

// ------------------------------------------------------------------- views

let vocabulary = null;
let generation = 0;
let pending = 0;

// Runs a change of view, marking the page busy until every change is done
// (`body[data-ready]`, which tests wait for).
function track(promise) {
  pending += 1;
  document.body.dataset.ready = "false";
  return promise.catch(showError).finally(() => {
    pending -= 1;
    if (pending === 0) document.body.dataset.ready = "true";
  });
}

function focusTitle() {
  const f = view.focus;
  if (f?.type === "node") return labelOf(f.node.id);
  if (f?.type === "edge") return `${labelOf(f.source.id)} → ${labelOf(f.target.id)}`;
  return null;
}

// Reloads what depends on the selection: the network, the overall
// timeline, and the focus (or the selection's events).
async function reload() {
  const gen = ++generation;
  clearError();
  showView();
  const sel = selection();
  const net = new URLSearchParams(sel);
  net.set("top", String(view.top));
  if (view.min > 1) net.set("min_events", String(view.min));
  if (view.rollup) net.set("rollup", "country");
  const tl = new URLSearchParams(sel);
  tl.set("period", view.period);
  const [network, timeline, places] = await Promise.all([
    api(`/api/network?${net}`),
    api(`/api/timeline?${tl}`),
    Promise.all([api(`/api/places?${sel}`), loadWorld()]).then(([p]) => p),
  ]);
  if (gen !== generation) return;
  drawNetwork(network);
  drawMap(places);
  $("#overview-title").textContent = `Events per ${view.period}${view.from || view.to ? ` from ${view.from || "the first"} to ${view.to || "the last"}` : ""}`;
  drawTimeline($("#overview"), timeline, (from, to) => {
    view.from = from;
    view.to = to;
    changed();
  });
  await showFocus(gen);
}

// The focus panel (a node's or an edge's timeline and partners) and the events.
async function showFocus(gen) {
  const panel = $("#focus-panel");
  const title = focusTitle();
  markFocus();
  if (!title) {
    panel.hidden = true;
    await showEvents("Events of the selection", selection());
    return;
  }
  panel.hidden = false;
  $("#focus-title").textContent = title;
  const params = focused();
  const tl = new URLSearchParams(params);
  tl.set("period", view.period);
  const jobs = [api(`/api/timeline?${tl}`), showEvents(`Events of ${title}`, params)];
  const f = view.focus;
  $("#partners-title").hidden = f.type !== "node";
  $("#partners").textContent = "";
  if (f.type === "node") {
    const net = new URLSearchParams(params);
    net.set("top", "500");
    if (view.rollup) net.set("rollup", "country");
    jobs.push(api(`/api/network?${net}`));
  }
  const [timeline, , partners] = await Promise.all(jobs);
  if (gen !== generation) return;
  drawTimeline($("#focus-timeline"), timeline, null);
  if (partners) showPartners(f.node, partners);
}

// The node's partners, both directions together, busiest first.
function showPartners(node, net) {
  for (const n of net.nodes) if (n.name) names.set(n.id, n.name);
  const kinds = new Map(net.nodes.map((n) => [n.id, n.kind]));
  const totals = new Map();
  for (const e of net.edges) {
    const other = e.source === node.id ? e.target : e.source;
    const t = totals.get(other) || { events: 0, conflict: 0, cooperation: 0 };
    t.events += e.events;
    t.conflict += e.conflict;
    t.cooperation += e.cooperation;
    totals.set(other, t);
  }
  const top = [...totals].sort((a, b) => b[1].events - a[1].events).slice(0, 10);
  const list = $("#partners");
  for (const [id, t] of top) {
    const label = id === node.id ? `${labelOf(id)} (within)` : labelOf(id);
    const button = el("button", { type: "button", className: "link", textContent: label });
    button.addEventListener("click", () => setFocus({ type: "node", node: { kind: kinds.get(id) || "actor", id } }));
    list.append(
      el("li", {}, [
        button,
        el("span", {
          className: "counts",
          textContent: ` ${t.events} events (${t.cooperation} cooperation, ${t.conflict} conflict)`,
        }),
      ]),
    );
  }
  if (top.length === 0) list.append(el("li", { textContent: "No partner under these filters." }));
}

function changed() {
  writeUrl(true);
  track(reload());
}

function setFocus(focus) {
  view.focus = focus;
  writeUrl(true);
  const gen = ++generation;
  clearError();
  track(showFocus(gen));
}

// -------------------------------------------------------------- the search

let suggestTimer = null;
let suggestions = [];
let active = -1;

function closeSuggestions() {
  $("#suggestions").hidden = true;
  $("#f-search").setAttribute("aria-expanded", "false");
  active = -1;
}

function showSuggestions(list) {
  suggestions = list;
  active = -1;
  const ul = $("#suggestions");
  ul.textContent = "";
  list.forEach((s, i) => {
    const li = el("li", { role: "option", id: `suggestion-${i}` }, [
      el("span", { className: "name", textContent: s.name || s.code }),
      el("span", { className: "code", textContent: ` ${s.code} · ${s.kind} · ${s.events} events` }),
    ]);
    // mousedown, not click: the input's blur would close the list first.
    li.addEventListener("mousedown", (ev) => {
      ev.preventDefault();
      pick(s);
    });
    ul.append(li);
  });
  if (list.length === 0) ul.append(el("li", { className: "none", textContent: "No country or actor matches." }));
  ul.hidden = false;
  $("#f-search").setAttribute("aria-expanded", "true");
}

async function suggest(text) {
  const q = new URLSearchParams({ q: text, limit: "12" });
  if (view.rollup) q.set("rollup", "country");
  const res = await api(`/api/suggest?${q}`);
  if ($("#f-search").value.trim() !== text) return;
  for (const s of res.suggestions) if (s.name) names.set(s.code, s.name);
  showSuggestions(res.suggestions);
}

function pick(s) {
  view.pick = { kind: s.kind, code: s.code, name: s.name };
  $("#f-search").value = "";
  closeSuggestions();
  changed();
}

function moveActive(step) {
  const items = [...$("#suggestions").querySelectorAll("li[role=option]")];
  if (items.length === 0) return;
  active = (active + step + items.length) % items.length;
  items.forEach((li, i) => li.classList.toggle("active", i === active));
  $("#f-search").setAttribute("aria-activedescendant", items[active].id);
}

// ---------------------------------------------------------------- wiring

function wire() {
  const on = (sel, event, fn) => $(sel).addEventListener(event, fn);
  on("#f-from", "change", (ev) => {
    view.from = DATE.test(ev.target.value) ? ev.target.value : "";
    changed();
  });
  on("#f-to", "change", (ev) => {
    view.to = DATE.test(ev.target.value) ? ev.target.value : "";
    changed();
  });
  for (const [sel, key] of [["#f-plover", "plover"], ["#f-root", "root"], ["#f-quad", "quad"], ["#f-period", "period"]]) {
    on(sel, "change", (ev) => {
      view[key] = ev.target.value;
      changed();
    });
  }
  on("#f-min", "change", (ev) => {
    view.min = Math.max(1, parseInt(ev.target.value, 10) || 1);
    changed();
  });
  on("#f-top", "change", (ev) => {
    view.top = Number(ev.target.value);
    changed();
  });
  on("#f-rollup", "change", (ev) => {
    view.rollup = ev.target.checked;
    // A node or an edge of the other graph is not in this one.
    view.focus = null;
    changed();
  });
  on("#f-reset", "click", () => {
    history.pushState(null, "", location.pathname);
    readUrl();
    track(reload());
  });
  on("#f-pick-clear", "click", () => {
    view.pick = null;
    changed();
  });
  on("#f-where-clear", "click", () => {
    view.where = null;
    changed();
  });
  on("#focus-close", "click", () => setFocus(null));
  on("#events-more", "click", () => track(moreEvents()));
  on("#filters", "submit", (ev) => ev.preventDefault());
  on("#f-search", "input", (ev) => {
    clearTimeout(suggestTimer);
    const text = ev.target.value.trim();
    if (!text) return closeSuggestions();
    suggestTimer = setTimeout(() => suggest(text).catch(showError), 120);
  });
  on("#f-search", "keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      moveActive(ev.key === "ArrowDown" ? 1 : -1);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      const s = suggestions[active >= 0 ? active : 0];
      if (s && !$("#suggestions").hidden) pick(s);
    } else if (ev.key === "Escape") {
      closeSuggestions();
    }
  });
  on("#f-search", "blur", closeSuggestions);
  window.addEventListener("popstate", () => {
    readUrl();
    track(reload());
  });
}

function fillVocabulary(v) {
  const options = (sel, items) => {
    for (const [value, label] of items) $(sel).append(el("option", { value, textContent: label }));
  };
  options("#f-plover", v.plover.map((p) => [p, p]));
  options("#f-root", v.roots.map((r) => [r.code, `${r.code} ${r.name}`]));
  options("#f-quad", v.quad.map((q) => [String(q.number), `${q.number} ${q.name}`]));
}

async function start() {
  wire();
  readUrl();
  const [summary, v] = await Promise.all([api("/api/summary"), api("/api/vocabulary")]);
  vocabulary = v;
  fillVocabulary(v);
  $("#summary").textContent =
    `${summary.stories} stories · ${summary.events} event reports · ` +
    `${summary.canonical_events} distinct events · ${summary.dyads} dyads · ${summary.rejected} rejected inputs`;
  // A shared view names its country or actor.
  if (view.pick) {
    const res = await api(`/api/suggest?${new URLSearchParams({ q: view.pick.code, limit: "1" })}`);
    const s = res.suggestions[0];
    if (s && s.code === view.pick.code) view.pick.name = s.name;
  }
  await reload();
}

track(start());
