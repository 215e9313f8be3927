// One incident: its fields (as reviewed), its reports, each source article with the evidence
// highlighted, and the review controls and audit trail.
import { el, postJSON, reviewer, say, setReviewer, setToken, token } from "./api.js";
import { highlighted } from "./evidence.js";

const SHOWN = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
  "actor2", "assoc_actor_2", "interaction", "location", "admin1", "admin2", "country", "latitude",
  "longitude", "geo_precision", "fatalities", "confidence", "notes"];
const EDITABLE = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
  "country", "fatalities", "notes"];

export function renderIncident(panel, detail, { eventTypes, onClose, onChanged }) {
  const inc = detail.incident;
  const changed = new Set((inc.reviewed_fields || "").split(",").filter(Boolean));
  panel.hidden = false;
  panel.replaceChildren(...[
    el("button", { class: "close", type: "button", text: "✕", title: "close", onclick: onClose }),
    el("h2", { text: `${inc.event_type || "Event"}: ${inc.sub_event_type || ""}` }),
    el("div", {}, el("span", { class: `status ${inc.review_status}`, text: inc.review_status }),
      ` ${inc.incident_id} · ${inc.event_date || "undated"} · ${inc.location || "no place"}`),
    detail.pipeline_changed.length ? el("p", { class: "note", text:
      `The pipeline's value changed since the edit of: ${detail.pipeline_changed.join(", ")} (the analyst's value is kept).` }) : null,
    fieldTable(inc, changed),
    reviewBar("incident", inc.incident_id, inc, eventTypes, onChanged, detail),
    el("h3", { text: `Reports (${detail.events.length}) and sources (${detail.articles.length})` }),
    ...detail.events.map((event) => reportBox(event, eventTypes, onChanged)),
    ...detail.articles.map(articleBox),
    el("h3", { text: "History" }),
    historyList(detail.history),
  ].filter(Boolean));  // replaceChildren would write a null as the text "null"
}

function fieldTable(record, changed) {
  return el("table", { class: "fields" }, SHOWN.filter((f) => record[f] !== "" && record[f] !== null && record[f] !== undefined)
    .map((f) => el("tr", { class: changed.has(f) ? "changed" : "" }, el("td", { text: f.replace(/_/g, " ") }),
      el("td", { text: String(record[f]) + (changed.has(f) ? "  (reviewed)" : "") }))));
}

function reportBox(event, eventTypes, onChanged) {
  return el("div", { class: `report ${event.review_status}`, "data-event": event.event_id },
    el("div", {}, el("label", {}, el("input", { type: "checkbox", class: "split-pick", value: event.event_id }), " "),
      el("b", { text: `${event.event_type} · ${event.sub_event_type}` }), ` ${event.event_date || ""} · `,
      el("span", { class: `status ${event.review_status}`, text: event.review_status })),
    el("div", { text: `${event.actor1 || "?"}${event.actor2 ? " vs " + event.actor2 : ""} · ${event.location || ""} · ${event.fatalities} killed` }),
    event.pipeline_changed.length ? el("div", { class: "note", text: `pipeline changed since the edit: ${event.pipeline_changed.join(", ")}` }) : null,
    reviewBar("event", event.event_id, event, eventTypes, onChanged));
}

function articleBox(article) {
  return el("div", { class: "article", "data-article": article.id },
    el("div", { class: "title" }, el("b", { text: article.title || "(no title)" })),
    el("div", { class: "meta" }, `${article.source || "unknown source"} · ${article.published || "no date"} `,
      article.url && /^https?:\/\//.test(article.url) ? el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank", text: "link" }) : ""),
    highlighted(article.text, article.evidence));
}

function historyList(history) {
  if (!history.length) return el("p", { class: "history", text: "No review yet." });
  return el("ul", { class: "history" }, history.map((h) => el("li", {
    text: `${h.made_at.replace("T", " ").slice(0, 19)} · ${h.who} · ${h.action} ${h.target_kind} ${h.target_id}` +
      describeChange(h) + (h.note ? ` · “${h.note}”` : ""),
  })));
}

function describeChange(h) {
  if (!h.before || !h.after || h.action === "merge" || h.action === "split") return "";
  const parts = [];
  for (const key of ["review_status", "event_type", "sub_event_type", "fatalities", "event_date", "actor1", "actor2", "location"]) {
    if (JSON.stringify(h.before[key]) !== JSON.stringify(h.after[key])) parts.push(`${key}: ${h.before[key]} → ${h.after[key]}`);
  }
  return parts.length ? ` (${parts.join("; ")})` : "";
}

// Who is reviewing and the token: asked once, kept in the browser.
function credentials() {
  let who = reviewer();
  if (!who) { who = (prompt("Your name, for the review log:") || "").trim(); if (who) setReviewer(who); }
  if (!token()) { const t = (prompt("The write token that `sitrep serve` printed:") || "").trim(); if (t) setToken(t); }
  return who;
}

function reviewBar(kind, id, record, eventTypes, onChanged, detail) {
  const base = kind === "event" ? `/api/events/${encodeURIComponent(id)}` : `/api/incidents/${encodeURIComponent(id)}`;
  const bar = el("div", { class: "buttons" });
  const send = async (path, body, done) => {
    const who = credentials();
    if (!who) return;
    try {
      await postJSON(path, { ...body, who });
      say(done);
      onChanged();
    } catch (error) { say(error.message, true); }
  };
  bar.append(...[
    el("button", { type: "button", "data-action": "confirm", text: "Confirm", onclick: () => send(`${base}/review`, { action: "confirm" }, `${kind} confirmed`) }),
    el("button", { type: "button", "data-action": "edit", text: "Edit…", onclick: () => bar.append(editForm(record, eventTypes, (changes) => send(`${base}/review`, { action: "edit", changes }, `${kind} saved`))) }),
    el("button", { type: "button", "data-action": "reject", text: "Reject", onclick: () => send(`${base}/review`, { action: "reject" }, `${kind} rejected`) }),
    record.review_status !== "unreviewed" ? el("button", { type: "button", "data-action": "reopen", text: "Reopen", onclick: () => send(`${base}/review`, { action: "reopen" }, `${kind} reopened`) }) : null,
  ].filter(Boolean));
  if (kind === "incident") {
    bar.append(
      el("button", { type: "button", "data-action": "merge", text: "Merge…", onclick: () => {
        const others = (prompt("Incident ids to merge into this one (comma-separated):") || "").split(",").map((s) => s.trim()).filter(Boolean);
        if (others.length) send(`${base}/merge`, { others }, `merged ${others.length} incident(s)`);
      } }),
      el("button", { type: "button", "data-action": "split", text: "Split ticked reports", onclick: () => {
        const picked = [...document.querySelectorAll(".split-pick:checked")].map((box) => box.value);
        if (!picked.length) { say("tick the reports to move to a new incident", true); return; }
        send(`${base}/split`, { event_ids: picked }, `split ${picked.length} report(s) off`);
      } }),
    );
  }
  return bar;
}

function editForm(record, eventTypes, save) {
  const form = el("form", { class: "edit-form" });
  const inputs = {};
  for (const field of EDITABLE) {
    let input;
    if (field === "event_type" || field === "sub_event_type") {
      const options = field === "event_type" ? Object.keys(eventTypes) : Object.values(eventTypes).flat();
      input = el("select", { name: field }, options.map((o) => el("option", { value: o, text: o })));
    } else {
      input = el("input", { name: field, type: field === "fatalities" ? "number" : field === "event_date" ? "date" : "text", min: field === "fatalities" ? "0" : null });
    }
    input.value = record[field] === null || record[field] === undefined ? "" : String(record[field]);
    inputs[field] = input;
    form.append(el("label", { text: field.replace(/_/g, " ") }), input);
  }
  form.append(el("span"), el("span", {}, el("button", { type: "submit", text: "Save" }), " ",
    el("button", { type: "button", text: "Cancel", onclick: () => form.remove() })));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const changes = {};
    for (const [field, input] of Object.entries(inputs)) {
      const old = record[field] === null || record[field] === undefined ? "" : String(record[field]);
      if (input.value === old) continue;
      changes[field] = field === "fatalities" ? Number(input.value || 0) : input.value;
    }
    if (!Object.keys(changes).length) { form.remove(); return; }
    save(changes);
  });
  return form;
}
