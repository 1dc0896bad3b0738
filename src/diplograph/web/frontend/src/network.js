// A partner network from /api/graph: force layout, node size by events, a click on a node
// opens its page. Nodes: {"id", "label", "kind", "country", "events"}; edges:
// {"source", "target", "weight"}.
import { drag } from "d3-drag";
import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
} from "d3-force";
import { scaleSqrt } from "d3-scale";
import { select } from "d3-selection";
import { zoom } from "d3-zoom";

import { clear, showStatus } from "./fetch.js";
import { kindColour } from "./palette.js";

const WIDTH = 720;
const HEIGHT = 460;
const ISO3 = /^[A-Z]{3}$/;
const ACTOR_ID = /^(ent|act)_[A-Za-z0-9_-]+$/;

// The page a node stands for, or null when it has none (a side known only by name).
export function nodeHref(node) {
  if (node.kind === "country") {
    const code = ISO3.test(String(node.country || "")) ? node.country : node.id;
    if (ISO3.test(String(code))) return `/countries/${code}`;
  }
  if (ACTOR_ID.test(String(node.id))) return `/actors/${encodeURIComponent(node.id)}`;
  return null;
}

// Long organisation names crowd the picture; the full name is in the node's tooltip.
export function shortLabel(label, max = 24) {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
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

export function renderNetwork(container, data) {
  const { nodes, edges } = graphData(data);
  if (!nodes.length) {
    showStatus(container, "No partners to draw.");
    return;
  }
  clear(container);
  const focus = container.getAttribute("data-focus") || "";
  const radius = scaleSqrt()
    .domain([0, Math.max(1, ...nodes.map((n) => n.events))])
    .range([4, 26]);
  const width = scaleSqrt()
    .domain([1, Math.max(1, ...edges.map((e) => e.weight))])
    .range([1, 6]);

  const simulation = forceSimulation(nodes)
    .force("link", forceLink(edges).id((n) => n.id).distance(120))
    .force("charge", forceManyBody().strength(-320))
    .force("center", forceCenter(WIDTH / 2, HEIGHT / 2))
    .force("x", forceX(WIDTH / 2).strength(0.05))
    .force("y", forceY(HEIGHT / 2).strength(0.08))
    .force("collide", forceCollide((n) => radius(n.events) + 4))
    .stop();
  // Settle before drawing, so the nodes hold still where a reader (or a test) clicks.
  for (let i = 0; i < 300; i += 1) simulation.tick();

  const svg = select(container)
    .append("svg")
    .attr("class", "chart network")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("role", "group")
    .attr("aria-label", "Partner network");
  const canvas = svg.append("g");
  svg.call(
    zoom()
      .scaleExtent([0.3, 4])
      .on("zoom", (event) => canvas.attr("transform", event.transform)),
  );

  const link = canvas
    .append("g")
    .attr("class", "edges")
    .selectAll("line")
    .data(edges)
    .join("line")
    .attr("stroke-width", (e) => width(e.weight));
  link.append("title").text((e) => `${e.source.label} – ${e.target.label}: ${e.weight}`);

  const node = canvas
    .append("g")
    .attr("class", "nodes")
    .selectAll("a")
    .data(nodes)
    .join("a")
    .attr("class", (n) => (n.id === focus || n.country === focus ? "node focus" : "node"))
    .attr("data-id", (n) => n.id)
    .attr("data-kind", (n) => n.kind);
  node.filter((n) => nodeHref(n) !== null).attr("href", (n) => nodeHref(n));
  node
    .append("circle")
    .attr("r", (n) => radius(n.events))
    .attr("fill", (n) => kindColour(n.kind));
  node
    .append("text")
    .attr("dy", (n) => -radius(n.events) - 4)
    .attr("text-anchor", "middle")
    .text((n) => shortLabel(n.label));
  node.append("title").text((n) => `${n.label}: ${n.events} event${n.events === 1 ? "" : "s"}`);

  const place = () => {
    link
      .attr("x1", (e) => e.source.x)
      .attr("y1", (e) => e.source.y)
      .attr("x2", (e) => e.target.x)
      .attr("y2", (e) => e.target.y);
    node.attr("transform", (n) => `translate(${n.x},${n.y})`);
  };
  place();
  simulation.on("tick", place);
  node.call(
    drag()
      .on("start", (event, n) => {
        if (!event.active) simulation.alphaTarget(0.2).restart();
        n.fx = n.x;
        n.fy = n.y;
      })
      .on("drag", (event, n) => {
        n.fx = event.x;
        n.fy = event.y;
      })
      .on("end", (event, n) => {
        if (!event.active) simulation.alphaTarget(0);
        n.fx = null;
        n.fy = null;
      }),
  );
}
