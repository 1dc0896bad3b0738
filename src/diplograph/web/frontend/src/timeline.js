// Events over time from /api/timeline ({"months": ["2024-04", ...], "series": {type: [n, ...]},
// "by_status": {status: {type: [n, ...]}}}): what happened stacked by type above the axis,
// what is planned or intended below it, so the two are never read as one. A month (or, over
// more than five years, a year) is one bar at most BAR_MAX wide, so one month reads as one
// month; each piece of a bar links to the events it counts.
import { axisBottom, axisLeft } from "d3-axis";
import { scaleBand, scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { stack } from "d3-shape";

import { clear, showStatus } from "./fetch.js";
import { typeColour } from "./palette.js";

const WIDTH = 720;
const HEIGHT = 280;
const MARGIN = { top: 12, right: 12, bottom: 44, left: 36 };
const BAR_MAX = 36; // px of the 720-wide view box
const YEARS_FROM = 60; // months: from this many on, a bar is a year
const AHEAD = ["planned", "intended"];

function lastDay(month) {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

// The periods (months, or years over a long span) and, per status group and type, the
// events of each: {periods: [{label, since, until}], done: {type: [n]}, ahead: {type: [n]}}.
export function timelineRows(data) {
  const months = Array.isArray(data && data.months) ? data.months.map(String) : [];
  const byStatus = (data && data.by_status) || { occurred: (data && data.series) || {} };
  const years = months.length >= YEARS_FROM;
  const periods = [];
  const byLabel = new Map();
  const periodOf = months.map((month) => {
    const label = years ? month.slice(0, 4) : month;
    if (!byLabel.has(label)) {
      byLabel.set(label, periods.length);
      periods.push({
        label,
        since: years ? `${label}-01-01` : `${month}-01`,
        until: years ? `${label}-12-31` : `${month}-${lastDay(month)}`,
      });
    }
    return byLabel.get(label);
  });
  const group = (statuses) => {
    const out = {};
    for (const status of statuses) {
      for (const [type, counts] of Object.entries(byStatus[status] || {})) {
        const row = out[type] || (out[type] = periods.map(() => 0));
        counts.forEach((n, i) => {
          if (i < periodOf.length) row[periodOf[i]] += Number(n) || 0;
        });
      }
    }
    for (const type of Object.keys(out)) if (!out[type].some((n) => n > 0)) delete out[type];
    return out;
  };
  return { periods, done: group(["occurred"]), ahead: group(AHEAD), years };
}

function layers(periods, series) {
  const types = Object.keys(series);
  const rows = periods.map((p, i) => {
    const row = { period: p };
    for (const type of types) row[type] = series[type][i];
    return row;
  });
  return types.length ? stack().keys(types)(rows) : [];
}

function eventsHref(base, period, type, statuses) {
  const url = new URL(base || "/events", window.location.origin);
  url.searchParams.set("since", period.since);
  url.searchParams.set("until", period.until);
  url.searchParams.set("type", type);
  if (statuses.length === 1) url.searchParams.set("status", statuses[0]);
  else url.searchParams.delete("status");
  return url.pathname + url.search;
}

export function renderTimeline(container, data) {
  const { periods, done, ahead, years } = timelineRows(data);
  const doneLayers = layers(periods, done);
  const aheadLayers = layers(periods, ahead);
  if (!periods.length || (!doneLayers.length && !aheadLayers.length)) {
    showStatus(container, "No dated events to chart.");
    return;
  }
  clear(container);
  const top = (ls) => Math.max(0, ...(ls.length ? ls[ls.length - 1].map((d) => d[1]) : [0]));
  const up = top(doneLayers);
  const down = top(aheadLayers);
  const inner = HEIGHT - MARGIN.top - MARGIN.bottom;
  const span = Math.max(1, up + down);
  const axisY = MARGIN.top + Math.round((inner * up) / span);
  const labels = periods.map((p) => p.label);
  const band = scaleBand()
    .domain(labels)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const width = Math.min(BAR_MAX, band.bandwidth());
  const x = (label) => band(label) + (band.bandwidth() - width) / 2;
  const y = scaleLinear()
    .domain([-down, up])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const base = container.getAttribute("data-events") || "/events";

  const svg = select(container)
    .append("svg")
    .attr("class", "chart timeline")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("role", "group")
    .attr(
      "aria-label",
      `Events per ${years ? "year" : "month"} by type: above the line what happened, below it what is planned or intended`,
    );

  const draw = (ls, statuses, sign, cls) => {
    svg
      .append("g")
      .attr("class", cls)
      .selectAll("g")
      .data(ls)
      .join("g")
      .attr("fill", (layer) => typeColour(layer.key))
      .attr("data-type", (layer) => layer.key)
      .selectAll("a")
      .data((layer) => layer.filter((d) => d[1] > d[0]).map((d) => ({ d, type: layer.key })))
      .join("a")
      .attr("class", "bar")
      .attr("href", ({ d, type }) => eventsHref(base, d.data.period, type, statuses))
      .attr("data-period", ({ d }) => d.data.period.label)
      .attr("data-count", ({ d }) => d[1] - d[0])
      .call((a) =>
        a
          .append("rect")
          .attr("x", ({ d }) => x(d.data.period.label))
          .attr("y", ({ d }) => (sign > 0 ? y(d[1]) : y(-d[0])))
          .attr("height", ({ d }) => Math.max(1, Math.abs(y(d[0]) - y(d[1]))))
          .attr("width", width),
      )
      .append("title")
      .text(
        ({ d, type }) =>
          `${d.data.period.label}: ${d[1] - d[0]} ${type} ${sign > 0 ? "that happened" : "planned or intended"}`,
      );
  };
  draw(doneLayers, ["occurred"], 1, "done");
  draw(aheadLayers, AHEAD, -1, "ahead");

  const every = Math.ceil(labels.length / 12);
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(axisBottom(band).tickValues(labels.filter((_, i) => i % every === 0)))
    .selectAll("text")
    .attr("transform", "rotate(-35)")
    .attr("text-anchor", "end")
    .attr("dx", "-0.4em")
    .attr("dy", "0.6em");
  svg
    .append("line")
    .attr("class", "baseline")
    .attr("x1", MARGIN.left)
    .attr("x2", WIDTH - MARGIN.right)
    .attr("y1", axisY)
    .attr("y2", axisY);
  const most = Math.max(up, down);
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(${MARGIN.left},0)`)
    .call(
      axisLeft(y)
        .ticks(Math.min(6, most + 1))
        .tickFormat((n) => (Number.isInteger(n) ? Math.abs(n) : "")),
    );

  legend(container, [...new Set([...Object.keys(done), ...Object.keys(ahead)])], down > 0);
}

function legend(container, types, ahead) {
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
  list
    .append("li")
    .attr("class", "legend-note")
    .text(ahead ? "Above the line: happened. Below: planned or intended." : "All happened.");
}
