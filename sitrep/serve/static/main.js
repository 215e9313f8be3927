// The page: filters, map, timeline and table over one state; an incident opens beside them.
import { TYPE_COLOURS, el, getJSON, params, say, takeTokenFromUrl } from "./api.js";
import { renderIncident } from "./incident.js";
import { createMap } from "./map.js";
import { createTable } from "./table.js";
import { createTimeline } from "./timeline.js";

const PAGE = 50;
const state = { filters: {}, sort: "event_date", order: "desc", offset: 0, open: null, total: 0 };
let config = { event_types: {}, tiles: "" };
let map, table, timeline;

// Answers can come back out of order (filters change faster than queries answer): each kind of
// request draws only the answer to its latest request.
const latest = {};
async function fresh(kind, request) {
  const mine = (latest[kind] = (latest[kind] || 0) + 1);
  const answer = await request;
  return mine === latest[kind] ? answer : null;
}

function readFilters() {
  const form = document.getElementById("filters");
  const data = new FormData(form);
  const filters = {};
  for (const name of ["date_from", "date_to", "actor", "fatalities_min", "q", "event_type", "country"]) {
    const value = (data.get(name) || "").trim();
    if (value) filters[name] = value;
  }
  if (data.get("include_rejected")) filters.include_rejected = "true";
  return filters;
}

async function loadTable() {
  const query = params(state.filters, { sort: state.sort, order: state.order, limit: PAGE, offset: state.offset });
  const page = await fresh("table", getJSON("/api/incidents", query));
  if (!page) return;
  state.total = page.total;
  table.draw(page, state.sort, state.order);
  document.getElementById("count").textContent = `${page.total} incident${page.total === 1 ? "" : "s"}`;
  const last = Math.min(state.offset + PAGE, page.total);
  document.getElementById("page").textContent = page.total ? `${state.offset + 1}–${last}` : "";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
  document.body.dataset.tableLoaded = String(Date.now());
}

async function loadMap() {
  const layer = await fresh("map", getJSON("/api/map", params(state.filters, map.view())));
  if (!layer) return;
  map.show(layer);
  document.body.dataset.mapMode = layer.mode;
}

async function loadTimeline() {
  const { date_from, date_to, ...rest } = state.filters;  // the timeline shows every date
  const data = await fresh("timeline", getJSON("/api/timeline", params(rest)));
  if (!data) return;
  timeline.draw(data, [date_from, date_to]);
  document.getElementById("clear-brush").hidden = !(date_from || date_to);
}

// The control layer shows holdings on the last chosen date (today when none is chosen).
async function loadControl() {
  const asOf = state.filters.date_to || new Date().toISOString().slice(0, 10);
  const layer = await fresh("control", getJSON("/api/control", params({ as_of: asOf })));
  if (!layer) return;
  map.showControl(layer.available ? layer.features : []);
  const note = document.getElementById("control-note");
  note.textContent = layer.available ? `· dashed rings: control as of ${asOf} (${layer.features.length} places)` : "";
}

function updateExports() {
  for (const fmt of ["csv", "geojson"]) {
    document.getElementById(`export-${fmt}`).href = `/api/export/incidents.${fmt}?${params(state.filters)}`;
  }
}

async function refresh({ timelineToo = true } = {}) {
  state.offset = 0;
  updateExports();
  try {
    await Promise.all([loadTable(), loadMap(), timelineToo ? loadTimeline() : null, loadControl()]);
    document.body.dataset.ready = "true";
  } catch (error) { say(error.message, true); }
}

async function openIncident(id) {
  state.open = id;
  table.markOpen(id);
  try {
    const detail = await getJSON(`/api/incidents/${encodeURIComponent(id)}`);
    renderIncident(document.getElementById("incident"), detail, {
      eventTypes: config.event_types,
      onClose: () => { document.getElementById("incident").hidden = true; state.open = null; table.markOpen(null); },
      onChanged: async () => { await refresh(); if (state.open) openIncident(state.open); },
    });
  } catch (error) {
    say(error.message, true);
  }
}

function setDates(from, to) {
  const form = document.getElementById("filters");
  form.date_from.value = from || "";
  form.date_to.value = to || "";
  state.filters = readFilters();
  refresh();
}

async function start() {
  takeTokenFromUrl();
  if (typeof L === "undefined") { say("the map library is missing: reinstall sitrep (pip install -e .)", true); return; }
  config = await getJSON("/api/config");
  document.getElementById("legend").replaceChildren(...Object.entries(TYPE_COLOURS).map(([type, colour]) => {
    const dot = el("i"); dot.style.background = colour; return el("span", {}, dot, type);
  }), el("span", { text: "· size: fatalities" }), el("span", { id: "control-note" }));
  let moveTimer = null;
  map = createMap(document.getElementById("map"), {
    tiles: config.tiles, onOpen: openIncident,
    onMove: () => { clearTimeout(moveTimer); moveTimer = setTimeout(() => loadMap().catch((e) => say(e.message, true)), 150); },
  });
  table = createTable(document.getElementById("table"), {
    onOpen: openIncident,
    onSort: (column) => {
      state.order = state.sort === column && state.order === "desc" ? "asc" : "desc";
      state.sort = column;
      state.offset = 0;
      loadTable();
    },
  });
  timeline = createTimeline(document.getElementById("timeline"), { onBrush: setDates });
  document.getElementById("clear-brush").addEventListener("click", () => setDates(null, null));
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; loadTable(); });
  const form = document.getElementById("filters");
  form.addEventListener("change", () => { state.filters = readFilters(); refresh(); });
  form.addEventListener("submit", (e) => { e.preventDefault(); state.filters = readFilters(); refresh(); });
  form.addEventListener("reset", () => setTimeout(() => { state.filters = readFilters(); refresh(); }, 0));
  getJSON("/api/facets").then((facets) => {
    for (const [name, values] of [["event_type", facets.event_type], ["country", facets.country]]) {
      form[name].append(...values.map(([value, n]) => el("option", { value, text: `${value} (${n})` })));
    }
  });
  await refresh();
}

start();
