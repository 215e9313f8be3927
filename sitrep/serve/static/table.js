// The table of incidents: one page at a time, sortable by clicking a column heading.
import { colourOf, el } from "./api.js";

const COLUMNS = [
  ["event_date", "Date"], ["event_type", "Type"], ["sub_event_type", "Sub-type"],
  ["actor1", "Actor 1"], ["actor2", "Actor 2"], ["location", "Location"], ["country", "Country"],
  ["fatalities", "Deaths"], ["sources", "Sources"], ["review_status", "Review"],
];
const SORTABLE = new Set(["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
  "country", "fatalities", "review_status"]);

export function createTable(table, { onOpen, onSort }) {
  const head = table.querySelector("thead");
  const body = table.querySelector("tbody");
  let openId = null;

  function drawHead(sort, order) {
    head.replaceChildren(el("tr", {}, COLUMNS.map(([name, label]) => el("th", {
      "data-col": name,
      onclick: () => SORTABLE.has(name) && onSort(name),
      text: label + (sort === name ? (order === "desc" ? " ▼" : " ▲") : ""),
    }))));
  }

  function draw(page, sort, order) {
    drawHead(sort, order);
    body.replaceChildren(...page.items.map((row) => el("tr", {
      "data-incident": row.incident_id, class: row.incident_id === openId ? "open" : "",
      onclick: () => onOpen(row.incident_id),
    }, COLUMNS.map(([name]) => cell(row, name)))));
  }

  function markOpen(id) {
    openId = id;
    for (const tr of body.children) tr.classList.toggle("open", tr.dataset.incident === id);
  }

  return { draw, markOpen };
}

function cell(row, name) {
  if (name === "event_type") {
    const dot = el("span", { class: "dot" });
    dot.style.background = colourOf(row.event_type);
    return el("td", {}, dot, row.event_type || "");
  }
  if (name === "review_status") {
    return el("td", {}, el("span", { class: `status ${row.review_status}`, text: row.review_status,
      title: row.reviewed_fields ? `changed: ${row.reviewed_fields}` : null }));
  }
  const value = row[name];
  return el("td", { text: value === null || value === undefined ? "" : String(value) });
}
