// Events per month by type: a stacked bar chart from /api/timeline
// ({"months": ["2024-04", ...], "series": {"MEETING": [n, ...], ...}}).
import { axisBottom, axisLeft } from "d3-axis";
import { scaleBand, scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { stack } from "d3-shape";

import { clear, showStatus } from "./fetch.js";
import { typeColour } from "./palette.js";

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 44, left: 36 };

// The rows d3.stack wants, keeping only the types with at least one event.
export function timelineRows(data) {
  const months = Array.isArray(data && data.months) ? data.months.map(String) : [];
  const series = (data && data.series) || {};
  const types = Object.keys(series).filter((type) =>
    months.some((_, i) => Number(series[type][i]) > 0),
  );
  const rows = months.map((month, i) => {
    const row = { month };
    for (const type of types) row[type] = Number(series[type][i]) || 0;
    return row;
  });
  return { months, types, rows };
}

export function renderTimeline(container, data) {
  const { months, types, rows } = timelineRows(data);
  if (!months.length || !types.length) {
    showStatus(container, "No dated events to chart.");
    return;
  }
  clear(container);
  const layers = stack().keys(types)(rows);
  const top = Math.max(1, ...layers[layers.length - 1].map((d) => d[1]));
  const x = scaleBand()
    .domain(months)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);

  const svg = select(container)
    .append("svg")
    .attr("class", "chart timeline")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("role", "img")
    .attr("aria-label", "Events per month by type");

  svg
    .append("g")
    .selectAll("g")
    .data(layers)
    .join("g")
    .attr("fill", (layer) => typeColour(layer.key))
    .attr("data-type", (layer) => layer.key)
    .selectAll("rect")
    .data((layer) => layer.map((d) => ({ d, type: layer.key })))
    .join("rect")
    .attr("x", ({ d }) => x(d.data.month))
    .attr("y", ({ d }) => y(d[1]))
    .attr("height", ({ d }) => Math.max(0, y(d[0]) - y(d[1])))
    .attr("width", x.bandwidth())
    .append("title")
    .text(({ d, type }) => `${d.data.month}: ${d[1] - d[0]} ${type}`);

  const every = Math.ceil(months.length / 12);
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(axisBottom(x).tickValues(months.filter((_, i) => i % every === 0)))
    .selectAll("text")
    .attr("transform", "rotate(-35)")
    .attr("text-anchor", "end")
    .attr("dx", "-0.4em")
    .attr("dy", "0.6em");
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(${MARGIN.left},0)`)
    .call(axisLeft(y).ticks(Math.min(5, top)).tickFormat((n) => (Number.isInteger(n) ? n : "")));

  legend(container, types);
}

function legend(container, types) {
  const list = select(container).append("ul").attr("class", "legend");
  const item = list.selectAll("li").data(types).join("li");
  item
    .append("svg")
    .attr("class", "swatch")
    .attr("viewBox", "0 0 10 10")
    .attr("aria-hidden", "true")
    .append("rect")
    .attr("width", 10)
    .attr("height", 10)
    .attr("fill", (type) => typeColour(type));
  item.append("span").text((type) => type);
}
