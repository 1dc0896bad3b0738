// A world map of a country's partners from /api/partners ({"country", "numeric", "name",
// "partners": [{"iso3", "numeric", "name", "events"}]}): a choropleth by events in common,
// the country itself marked, every partner a link to its page. The world is world-atlas's
// countries-110m (Natural Earth, ISC licence), bundled here: nothing is fetched to draw it.
// Countries too small for that scale (Macao, Seychelles ...) are listed under the map.
import { geoEqualEarth, geoPath } from "d3-geo";
import { select } from "d3-selection";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";

import { clear } from "./fetch.js";

const WIDTH = 960;
const HEIGHT = 470;
const ISO3 = /^[A-Z]{3}$/;
const NUMERIC = /^[0-9]{3}$/;
// ColorBrewer Blues: light for few events, dark for many.
export const SHADES = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
// Features of the topology without an ISO numeric id, by name.
const NO_NUMERIC = { Kosovo: "XKX" };
const ANTARCTICA = "010";

let shapes = null;

// The countries of the bundled topology, decoded once (Antarctica left out: no partner).
export function worldShapes() {
  if (!shapes) {
    shapes = feature(world, world.objects.countries).features.filter((f) => f.id !== ANTARCTICA);
  }
  return shapes;
}

export function partnerData(data) {
  const code = (value) => (ISO3.test(String(value)) ? String(value) : "");
  const numeric = (value) => (NUMERIC.test(String(value)) ? String(value) : "");
  const partners = (Array.isArray(data && data.partners) ? data.partners : [])
    .map((p) => ({
      iso3: code(p.iso3),
      numeric: numeric(p.numeric),
      name: String(p.name == null ? p.iso3 : p.name),
      events: Math.max(0, Number(p.events) || 0),
    }))
    .filter((p) => p.iso3 && p.events > 0);
  return {
    country: code(data && data.country),
    numeric: numeric(data && data.numeric),
    name: String((data && data.name) || (data && data.country) || ""),
    partners,
  };
}

// The least events of each shade: at most five classes, evenly spaced on a log scale.
export function classBreaks(most) {
  const top = Math.max(1, Math.floor(most));
  if (top <= SHADES.length) return Array.from({ length: top }, (_, i) => i + 1);
  const breaks = [];
  for (let i = 0; i < SHADES.length; i += 1) {
    const at = Math.max(1, Math.round(top ** (i / SHADES.length)));
    if (!breaks.length || at > breaks[breaks.length - 1]) breaks.push(at);
  }
  return breaks;
}

function shadeOf(breaks, events) {
  let index = 0;
  breaks.forEach((least, i) => {
    if (events >= least) index = i;
  });
  return index;
}

function plural(n) {
  return `${n} event${n === 1 ? "" : "s"}`;
}

export function renderMap(container, data) {
  const { country, numeric, name, partners } = partnerData(data);
  clear(container);
  const byNumeric = new Map(partners.filter((p) => p.numeric).map((p) => [p.numeric, p]));
  const byCode = new Map(partners.map((p) => [p.iso3, p]));
  const most = Math.max(1, ...partners.map((p) => p.events));
  const breaks = classBreaks(most);
  const shapes = worldShapes();
  const codeOf = (f) => (f.id ? null : NO_NUMERIC[f.properties && f.properties.name] || null);
  const partnerOf = (f) => byNumeric.get(f.id) || byCode.get(codeOf(f)) || null;
  const isSelf = (f) => (numeric && f.id === numeric) || (country && codeOf(f) === country);

  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [WIDTH - 4, HEIGHT - 4],
    ],
    { type: "FeatureCollection", features: shapes },
  );
  const path = geoPath(projection);
  const svg = select(container)
    .append("svg")
    .attr("class", "chart map")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("role", "group")
    .attr("aria-label", `World map of the partners of ${name}: the darker, the more events in common`);
  const land = svg.append("g").attr("class", "countries");
  const drawn = new Set();
  for (const f of shapes) {
    const partner = partnerOf(f);
    const label = (f.properties && f.properties.name) || "";
    if (partner) {
      drawn.add(partner.iso3);
      const link = land
        .append("a")
        .attr("class", "country partner")
        .attr("href", `/countries/${partner.iso3}`)
        .attr("data-iso3", partner.iso3)
        .attr("data-events", partner.events);
      link.append("title").text(`${partner.name}: ${plural(partner.events)}`);
      link
        .append("path")
        .attr("d", path(f))
        .attr("fill", SHADES[shadeOf(breaks, partner.events)]);
    } else if (isSelf(f)) {
      land
        .append("path")
        .attr("class", "country self")
        .attr("data-iso3", country)
        .attr("d", path(f))
        .append("title")
        .text(`${name} (this country)`);
    } else {
      land
        .append("path")
        .attr("class", "country none")
        .attr("d", path(f))
        .append("title")
        .text(`${label}: no events`);
    }
  }
  // The country itself on top, so its outline is not hidden by its neighbours'.
  land.selectAll("path.self").raise();
  missing(container, partners.filter((p) => !drawn.has(p.iso3)));
  legend(container, breaks, most, name);
}

function missing(container, partners) {
  if (!partners.length) return;
  const note = select(container)
    .append("p")
    .attr("class", "map-missing")
    .attr("data-testid", "map-missing");
  note.append("span").text("Too small for this map: ");
  partners.forEach((p, i) => {
    if (i) note.append("span").text(", ");
    note
      .append("a")
      .attr("href", `/countries/${p.iso3}`)
      .attr("data-iso3", p.iso3)
      .text(p.name);
    note.append("span").text(` (${p.events})`);
  });
}

function legend(container, breaks, most, name) {
  const list = select(container).append("ul").attr("class", "legend map-legend");
  const label = (i) => {
    const least = breaks[i];
    const last = i + 1 < breaks.length ? breaks[i + 1] - 1 : most;
    return last === least ? plural(least) : `${least}–${last} events`;
  };
  const items = [
    ...breaks.map((_, i) => ({ cls: "", fill: SHADES[i], text: label(i) })),
    { cls: "self", fill: null, text: `${name} (this country)` },
    { cls: "none", fill: null, text: "no events" },
  ];
  const item = list.selectAll("li").data(items).join("li");
  const swatch = item
    .append("svg")
    .attr("class", (d) => `swatch ${d.cls}`.trim())
    .attr("viewBox", "0 0 10 10")
    .attr("aria-hidden", "true")
    .append("rect")
    .attr("width", 10)
    .attr("height", 10);
  swatch.filter((d) => d.fill).attr("fill", (d) => d.fill);
  item.append("span").text((d) => d.text);
}
