// Reads a chart's data from the JSON API named in its container's data-endpoint.
// Only same-origin /api/ paths are fetched: a chart never talks to another host.

export function endpointOf(container) {
  const endpoint = container.getAttribute("data-endpoint") || "";
  if (!endpoint.startsWith("/api/")) {
    throw new Error("chart endpoint must be an /api/ path");
  }
  return endpoint;
}

export async function fetchJSON(container) {
  return fetchPath(endpointOf(container));
}

// Reads one same-origin /api/ path (a chart redrawn for new filters).
export async function fetchPath(path) {
  if (!String(path).startsWith("/api/")) {
    throw new Error("chart endpoint must be an /api/ path");
  }
  const response = await fetch(path, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  if (!response.ok) {
    throw new Error(`the API answered ${response.status}`);
  }
  return response.json();
}

// Replaces the container's content with one line of text (loading, empty, failed).
export function showStatus(container, message) {
  while (container.firstChild) container.removeChild(container.firstChild);
  const p = document.createElement("p");
  p.className = "chart-status";
  p.textContent = message;
  container.appendChild(p);
}

export function clear(container) {
  while (container.firstChild) container.removeChild(container.firstChild);
}
