// The pages' one script: sortable tables and the charts, each chart drawn from the JSON
// API its container names (data-endpoint). Text from the data is only ever set as text.
import { fetchJSON, showStatus } from "./fetch.js";
import { renderNetwork } from "./network.js";
import { makeSortable } from "./sortable.js";
import { renderTimeline } from "./timeline.js";

const CHARTS = { timeline: renderTimeline, network: renderNetwork };

async function drawChart(container) {
  const render = CHARTS[container.getAttribute("data-chart")];
  if (!render) return;
  showStatus(container, "Loading chart…");
  try {
    render(container, await fetchJSON(container));
    container.setAttribute("data-state", "ready");
  } catch (error) {
    container.setAttribute("data-state", "failed");
    showStatus(container, `Chart unavailable: ${error.message}.`);
  }
}

function start() {
  document.documentElement.classList.add("js");
  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  document.querySelectorAll("[data-chart][data-endpoint]").forEach((container) => {
    drawChart(container);
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
