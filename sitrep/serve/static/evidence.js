// An article's text with the words behind each field highlighted and labelled.
// Built from text nodes and <mark> elements only: the article is never parsed as markup.
import { el } from "./api.js";

export function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  for (const span of valid) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", { class: "text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = valid.filter((s) => s.start <= from && s.end >= to);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    const fields = [...new Set(covering.map((s) => s.field))];
    // the label goes where a span starts, so each field is named once per span
    for (const field of [...new Set(valid.filter((s) => s.start === from).map((s) => s.field))]) {
      out.append(el("span", { class: "ev-label", text: field.replace(/_/g, " ") }));
    }
    out.append(el("mark", {
      class: "ev " + fields.map((f) => `f-${f.replace(/[^a-z0-9_]/gi, "")}`).join(" "),
      title: fields.join(", "), "data-fields": fields.join(" "), text: piece,
    }));
  }
  return out;
}
