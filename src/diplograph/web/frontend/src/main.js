// The pages' one script: sortable tables and the charts, each chart drawn from the JSON
// API its container names (data-endpoint). Text from the data is only ever set as text.
import { fetchJSON, showStatus } from "./fetch.js";
import { wireChartFilter } from "./filters.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { makeSortable } from "./sortable.js";
import { renderTimeline } from "./timeline.js";

const CHARTS = { timeline: renderTimeline, network: renderNetwork, map: renderMap };
const turns = new WeakMap(); // the latest drawing asked of each chart

// The page may carry the chart's data (data-initial, the API's answer for the same
// endpoint): then the chart is drawn at once, with no request and no "Loading" state.
function initialData(container) {
  const raw = container.getAttribute("data-initial");
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch (error) {
    return null;
  }
}

// Draws the chart from the data the page carries or, when there is none or `refresh` (its
// endpoint changed), from its API; a redraw keeps the old chart until the new data is in.
async function drawChart(container, refresh = false) {
  const render = CHARTS[container.getAttribute("data-chart")];
  if (!render) return;
  const given = refresh ? null : initialData(container);
  const turn = (turns.get(container) || 0) + 1;
  turns.set(container, turn);
  if (refresh) container.setAttribute("data-state", "loading");
  else if (!given) showStatus(container, "Loading chart…");
  try {
    const data = given || (await fetchJSON(container));
    if (turns.get(container) !== turn) return; // a later drawing was asked for
    render(container, data);
    container.setAttribute("data-state", "ready");
  } catch (error) {
    container.setAttribute("data-state", "failed");
    showStatus(container, `Chart unavailable: ${error.message}.`);
  }
}

// A source's whole text scrolls inside its box to the first marked sentence (the page
// itself does not move).
function showFirstMark(box) {
  const mark = box.querySelector("mark");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 4);
}

function start() {
  document.documentElement.classList.add("js");
  document.querySelectorAll(".source-text").forEach(showFirstMark);
  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  document.querySelectorAll("[data-chart][data-endpoint]").forEach((container) => {
    drawChart(container);
  });
  document.querySelectorAll("form[data-chart-filter]").forEach((form) => {
    wireChartFilter(form, (container) => drawChart(container, true));
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
