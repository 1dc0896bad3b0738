// A chart's own filter form (data-chart-filter, in the chart's figure): its fields (since,
// until) go into the chart's API URL and the chart is drawn again from the API's answer,
// without leaving the page. Keyboard users submit with Enter or the buttons.
const FIELDS = ["since", "until"];

function chartOf(form) {
  const figure = form.closest("figure");
  return figure ? figure.querySelector("[data-chart][data-endpoint]") : null;
}

// The chart's API path with the form's values in place of its own.
export function filteredPath(base, values) {
  const url = new URL(base, window.location.origin);
  for (const name of FIELDS) {
    const value = String(values[name] || "").trim();
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  return url.pathname + url.search;
}

export function wireChartFilter(form, redraw) {
  const container = chartOf(form);
  if (!container) return;
  const base = container.getAttribute("data-endpoint");
  const note = form.querySelector("output");
  const say = (text) => {
    if (note) note.textContent = text;
  };
  const apply = async () => {
    const values = {};
    for (const name of FIELDS) {
      const field = form.elements.namedItem(name);
      values[name] = field ? field.value : "";
    }
    if (values.since && values.until && values.since > values.until) {
      say("The start is after the end.");
      return;
    }
    container.setAttribute("data-endpoint", filteredPath(base, values));
    await redraw(container);
    const span = values.since || values.until;
    say(span ? `From ${values.since || "the start"} to ${values.until || "the end"}.` : "All time.");
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  // A reset clears the fields after this event: draw once they are empty.
  form.addEventListener("reset", () => window.setTimeout(apply, 0));
}
