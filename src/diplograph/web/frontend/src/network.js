// A partner network from /api/graph: force layout fitted to its panel, node size by events,
// shape and colour by kind, every node a link to its page, labels placed so that none
// overlaps another (the others shown on hover or focus, every full name in a <title>), zoom
// and pan with buttons. Nodes: {"id", "label", "kind", "country", "events"}; edges:
// {"source", "target", "weight"}.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { scaleSqrt } from "d3-scale";
import { select } from "d3-selection";
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from "d3-shape";
import { zoom, zoomIdentity } from "d3-zoom";

import { clear, showStatus } from "./fetch.js";
import { kindColour } from "./palette.js";

const FONT = 13; // as style.css sets text.label; the view box is as wide as the panel
const LINE = 1.2; // line height, in ems
const WRAP = 22; // characters a label line holds before it wraps
const MIN_WIDTH = 300;
const STRETCH = 1.6; // most one axis of the layout is stretched more than the other to fill
const CROSSING = 5; // how many of the busiest nodes' labels may cross other nodes
const MARGIN = { x: 60, y: 28 }; // room left around the nodes for their labels
const ISO3 = /^[A-Z]{3}$/;
const ACTOR_ID = /^(ent|act)_[A-Za-z0-9_-]+$/;
const SHAPES = { country: symbolCircle, organization: symbolSquare, person: symbolDiamond };
const KIND_NAMES = { country: "country", organization: "organisation", person: "person" };

// The page a node stands for, or null when it has none (a side known only by name).
export function nodeHref(node) {
  if (node.kind === "country") {
    const code = ISO3.test(String(node.country || "")) ? node.country : node.id;
    if (ISO3.test(String(code))) return `/countries/${code}`;
  }
  if (ACTOR_ID.test(String(node.id))) return `/actors/${encodeURIComponent(node.id)}`;
  return null;
}

// A label's lines: whole words, about `width` characters each; nothing is cut off.
export function wrapLabel(label, width = WRAP) {
  const lines = [];
  for (const word of String(label).split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [String(label)];
}

export function graphData(data) {
  const nodes = (Array.isArray(data && data.nodes) ? data.nodes : []).map((n) => ({
    id: String(n.id),
    label: String(n.label == null ? n.id : n.label),
    kind: String(n.kind || ""),
    country: n.country == null ? "" : String(n.country),
    events: Number(n.events) || 0,
  }));
  const known = new Set(nodes.map((n) => n.id));
  const edges = (Array.isArray(data && data.edges) ? data.edges : [])
    .map((e) => ({ source: String(e.source), target: String(e.target), weight: Number(e.weight) || 1 }))
    .filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target);
  return { nodes, edges };
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// Lays the graph out in a box of the panel's shape, then scales it to fill the panel and
// pushes apart the nodes that scaling brought too close.
function layout(nodes, edges, width, height) {
  const aspect = width / height;
  const simulation = forceSimulation(nodes)
    .force(
      "link",
      forceLink(edges)
        .id((n) => n.id)
        .distance(70),
    )
    .force("charge", forceManyBody().strength(-260))
    .force("x", forceX(0).strength(0.05))
    .force("y", forceY(0).strength(0.05 * aspect))
    .force("collide", forceCollide((n) => n.r + 6))
    .stop();
  for (let i = 0; i < 300; i += 1) simulation.tick();

  const left = Math.min(...nodes.map((n) => n.x - n.r));
  const right = Math.max(...nodes.map((n) => n.x + n.r));
  const top = Math.min(...nodes.map((n) => n.y - n.r));
  const bottom = Math.max(...nodes.map((n) => n.y + n.r));
  const room = { w: width - 2 * MARGIN.x, h: height - 2 * MARGIN.y };
  // Each axis scaled to fill its side, the one at most STRETCH times the other's scale.
  let kx = room.w / Math.max(1, right - left);
  let ky = room.h / Math.max(1, bottom - top);
  kx = Math.min(kx, ky * STRETCH);
  ky = Math.min(ky, kx * STRETCH);
  const mid = { x: (left + right) / 2, y: (top + bottom) / 2 };
  for (const n of nodes) {
    n.x = width / 2 + (n.x - mid.x) * kx;
    n.y = height / 2 + (n.y - mid.y) * ky;
    n.vx = 0;
    n.vy = 0;
  }
  const relax = forceSimulation(nodes)
    .force("collide", forceCollide((n) => n.r + 4))
    .stop();
  for (let i = 0; i < 60; i += 1) {
    relax.tick();
    for (const n of nodes) {
      n.x = Math.max(n.r + 2, Math.min(width - n.r - 2, n.x));
      n.y = Math.max(n.r + 2, Math.min(height - n.r - 2, n.y));
    }
  }
}

// Where a label of `size` can go around a node drawn at p with radius r (view-box units).
function spots(p, r, size) {
  const { w, h } = size;
  const gap = 3;
  const d = r * 0.7;
  return [
    { x: p.x - w / 2, y: p.y + r + gap, anchor: "middle" },
    { x: p.x - w / 2, y: p.y - r - gap - h, anchor: "middle" },
    { x: p.x + r + gap, y: p.y - h / 2, anchor: "start" },
    { x: p.x - r - gap - w, y: p.y - h / 2, anchor: "end" },
    { x: p.x + d, y: p.y + d, anchor: "start" },
    { x: p.x - d - w, y: p.y + d, anchor: "end" },
    { x: p.x + d, y: p.y - d - h, anchor: "start" },
    { x: p.x - d - w, y: p.y - d - h, anchor: "end" },
  ].map((s) => ({ ...s, w, h }));
}

// Chooses where each label goes at zoom transform t: as many as fit without overlapping,
// the busiest nodes first, inside the panel; the others are hidden until a hover or focus.
// Labels live outside the zoomed layer, so that they keep their size at any zoom.
function placeLabels(nodes, t, width, height) {
  const at = (n) => ({ x: t.applyX(n.x), y: t.applyY(n.y) });
  const marks = nodes.map((n) => {
    const p = at(n);
    const r = n.r * t.k;
    return { x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r, n };
  });
  const inside = (b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height;
  const placed = [];
  [...nodes]
    .sort((a, b) => b.events - a.events)
    .forEach((n, rank) => {
      const p = at(n);
      const candidates = spots(p, n.r * t.k, n.size).filter(inside);
      const free = (b) => !placed.some((q) => overlaps(q, b));
      const clear = (b) => !marks.some((m) => m.n !== n && overlaps(m, b));
      // Only the busiest nodes' labels may cross another node; the others wait for a hover.
      const spot =
        candidates.find((b) => free(b) && clear(b)) ||
        (rank < CROSSING ? candidates.find(free) : undefined);
      if (spot) placed.push(spot);
      const shown = spot || spots(p, n.r * t.k, n.size)[0];
      const ax = { middle: 0, start: shown.x - p.x, end: shown.x + shown.w - p.x }[shown.anchor];
      n.spot = { ax, ay: shown.y - p.y, anchor: shown.anchor, hidden: !spot };
    });
}

// Puts the labels where placeLabels chose, beside their nodes as transform t draws them.
function moveLabels(labels, t) {
  labels.each(function move(n) {
    const x = t.applyX(n.x) + n.spot.ax;
    const text = select(this)
      .classed("hidden", n.spot.hidden)
      .attr("text-anchor", n.spot.anchor)
      .attr("x", x)
      .attr("y", t.applyY(n.y) + n.spot.ay);
    text
      .selectAll("tspan")
      .attr("x", x)
      .attr("dy", (_, i) => `${i === 0 ? 0.95 : LINE}em`);
  });
}

function measure(labels) {
  labels.each(function size(n) {
    let w = 0;
    select(this)
      .selectAll("tspan")
      .each(function line() {
        const length = this.getComputedTextLength ? this.getComputedTextLength() : 0;
        w = Math.max(w, length || this.textContent.length * FONT * 0.6);
      });
    n.size = { w: w + 2, h: n.lines.length * FONT * LINE + 2 };
  });
}

function toolbar(container) {
  const bar = select(container).append("div").attr("class", "chart-tools");
  const button = (label, text, name) =>
    bar
      .append("button")
      .attr("type", "button")
      .attr("class", "zoom")
      .attr("data-zoom", name)
      .attr("aria-label", label)
      .attr("title", label)
      .text(text);
  const buttons = {
    in: button("Zoom in", "+", "in"),
    out: button("Zoom out", "−", "out"),
    reset: button("Reset zoom", "Reset", "reset"),
  };
  bar.append("span").attr("class", "hint").text("Drag to pan; Ctrl + wheel to zoom.");
  return buttons;
}

function legend(container, kinds, focus) {
  const list = select(container).append("ul").attr("class", "legend network-legend");
  const item = list.selectAll("li").data(kinds).join("li");
  item
    .append("svg")
    .attr("class", "swatch")
    .attr("viewBox", "-6 -6 12 12")
    .attr("aria-hidden", "true")
    .append("path")
    .attr("d", (kind) => symbol(SHAPES[kind] || symbolTriangle, 90)())
    .attr("fill", (kind) => kindColour(kind));
  item.append("span").text((kind) => KIND_NAMES[kind] || kind || "other");
  if (focus) {
    const self = list.append("li");
    self
      .append("svg")
      .attr("class", "swatch focus")
      .attr("viewBox", "-6 -6 12 12")
      .attr("aria-hidden", "true")
      .append("circle")
      .attr("r", 4.5);
    self.append("span").text("this page's country");
  }
  list.append("li").attr("class", "legend-note").text("Size: events. Line width: events together.");
}

export function renderNetwork(container, data) {
  const { nodes, edges } = graphData(data);
  if (!nodes.length) {
    showStatus(container, "No partners to draw.");
    return;
  }
  clear(container);
  const focus = container.getAttribute("data-focus") || "";
  const width = Math.max(MIN_WIDTH, Math.round(container.clientWidth - 18) || 720);
  // A narrow panel (a phone) gets a square picture, a wide one a landscape.
  const height = Math.round(width < 560 ? width : Math.max(300, Math.min(640, width * 0.62)));
  const radius = scaleSqrt()
    .domain([0, Math.max(1, ...nodes.map((n) => n.events))])
    .range([5, Math.min(26, width / 30)]);
  const stroke = scaleSqrt()
    .domain([1, Math.max(1, ...edges.map((e) => e.weight))])
    .range([1, 6]);
  for (const n of nodes) {
    n.r = radius(n.events);
    n.lines = wrapLabel(n.label);
  }
  layout(nodes, edges, width, height);

  const buttons = toolbar(container);
  const svg = select(container)
    .append("svg")
    .attr("class", "chart network")
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "group")
    .attr("aria-label", "Partner network: every node is a link to its page");
  const canvas = svg.append("g").attr("class", "canvas");

  const link = canvas
    .append("g")
    .attr("class", "edges")
    .selectAll("line")
    .data(edges)
    .join("line")
    .attr("stroke-width", (e) => stroke(e.weight))
    .attr("x1", (e) => e.source.x)
    .attr("y1", (e) => e.source.y)
    .attr("x2", (e) => e.target.x)
    .attr("y2", (e) => e.target.y);
  link.append("title").text((e) => `${e.source.label} – ${e.target.label}: ${e.weight}`);

  const node = canvas
    .append("g")
    .attr("class", "nodes")
    .selectAll("a")
    .data(nodes)
    .join("a")
    .attr("class", (n) => (n.id === focus || n.country === focus ? "node focus" : "node"))
    .attr("data-id", (n) => n.id)
    .attr("data-kind", (n) => n.kind)
    .attr("transform", (n) => `translate(${n.x},${n.y})`);
  node.filter((n) => nodeHref(n) !== null).attr("href", (n) => nodeHref(n));
  node.append("title").text((n) => `${n.label} (${KIND_NAMES[n.kind] || n.kind || "other"}): ${n.events} event${n.events === 1 ? "" : "s"}`);
  node
    .append("path")
    .attr("class", "mark")
    .attr("d", (n) => symbol(SHAPES[n.kind] || symbolTriangle, Math.PI * n.r * n.r)())
    .attr("fill", (n) => kindColour(n.kind));

  // Labels in a layer above every node (a label is never under another node), outside the
  // zoomed layer (a label keeps its size).
  const labels = svg
    .append("g")
    .attr("class", "labels")
    .attr("aria-hidden", "true")
    .selectAll("text")
    .data(nodes)
    .join("text")
    .attr("class", "label")
    .attr("data-id", (n) => n.id);
  labels
    .selectAll("tspan")
    .data((n) => n.lines)
    .join("tspan")
    .text((line) => line);
  measure(labels);
  placeLabels(nodes, zoomIdentity, width, height);
  moveLabels(labels, zoomIdentity);

  // A hidden label shows while its node is hovered or focused.
  node
    .on("mouseenter focus", (event, n) => labels.filter((m) => m.id === n.id).classed("shown", true))
    .on("mouseleave blur", (event, n) => labels.filter((m) => m.id === n.id).classed("shown", false));

  const zoomer = zoom()
    .scaleExtent([0.5, 8])
    .translateExtent([
      [-width / 4, -height / 4],
      [width * 1.25, height * 1.25],
    ])
    // The wheel zooms only with Ctrl (or Cmd), so that it still scrolls the page.
    .filter((event) =>
      event.type === "wheel" ? event.ctrlKey || event.metaKey : !event.ctrlKey && !event.button,
    )
    .on("zoom", (event) => {
      canvas.attr("transform", event.transform);
      moveLabels(labels, event.transform);
    })
    .on("end", (event) => {
      placeLabels(nodes, event.transform, width, height);
      moveLabels(labels, event.transform);
    });
  svg.call(zoomer);
  buttons.in.on("click", () => svg.call(zoomer.scaleBy, 1.5));
  buttons.out.on("click", () => svg.call(zoomer.scaleBy, 1 / 1.5));
  buttons.reset.on("click", () => svg.call(zoomer.transform, zoomIdentity));

  const rank = (kind) => (kind in SHAPES ? Object.keys(SHAPES).indexOf(kind) : 99);
  const kinds = [...new Set(nodes.map((n) => n.kind))].sort((a, b) => rank(a) - rank(b));
  legend(container, kinds, nodes.some((n) => n.id === focus || n.country === focus));
}
