// Click a column header of a table[data-sortable] to sort its rows by that column;
// a second click reverses. A cell's data-value (e.g. an ISO date, a count) sorts before
// its text, and a header's data-sort="number" compares numbers.

function cellKey(row, index, numeric) {
  const cell = row.cells[index];
  if (!cell) return numeric ? -Infinity : "";
  const raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
  if (numeric) {
    const n = parseFloat(raw);
    return Number.isNaN(n) ? -Infinity : n;
  }
  return (raw || "").trim().toLowerCase();
}

export function sortRows(rows, index, numeric, ascending) {
  const keyed = rows.map((row, i) => ({ row, i, key: cellKey(row, index, numeric) }));
  keyed.sort((a, b) => {
    let order = 0;
    if (a.key < b.key) order = -1;
    else if (a.key > b.key) order = 1;
    if (!ascending) order = -order;
    return order || a.i - b.i;
  });
  return keyed.map((k) => k.row);
}

function sortBy(table, header, index) {
  const body = table.tBodies[0];
  if (!body) return;
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const numeric = header.getAttribute("data-sort") === "number";
  for (const row of sortRows(Array.from(body.rows), index, numeric, ascending)) {
    body.appendChild(row);
  }
}

export function makeSortable(table) {
  if (!table.tHead || !table.tHead.rows.length) return;
  Array.from(table.tHead.rows[0].cells).forEach((header, index) => {
    if (header.hasAttribute("data-nosort")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (header.firstChild) button.appendChild(header.firstChild);
    header.appendChild(button);
    header.classList.add("sortable");
    button.addEventListener("click", () => sortBy(table, header, index));
  });
}
