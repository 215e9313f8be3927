// The timeline: incidents per day (week, month) stacked by event type; drag across it to choose
// the dates that the map and the table show.
import { colourOf } from "./api.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAD = { left: 28, right: 8, top: 6, bottom: 16 };

const svgEl = (tag, attrs) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const toDay = (iso) => Date.parse(iso + "T00:00:00Z");
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

function nextBin(ms, unit) {
  const d = new Date(ms);
  if (unit === "day") return ms + DAY;
  if (unit === "week") return ms + 7 * DAY;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function createTimeline(svg, { onBrush }) {
  let scale = null;
  let brushRect = null;

  function draw(data, selected) {
    svg.replaceChildren();
    const width = svg.clientWidth || 600;
    const height = svg.clientHeight || 90;
    if (!data.bins.length) { scale = null; return; }
    const start = toDay(data.bins[0][0]);
    const end = nextBin(toDay(data.bins[data.bins.length - 1][0]), data.unit);
    const stacks = new Map();
    for (const [bin, type, count] of data.bins) {
      if (!stacks.has(bin)) stacks.set(bin, []);
      stacks.get(bin).push([type, count]);
    }
    const highest = Math.max(...[...stacks.values()].map((s) => s.reduce((a, [, n]) => a + n, 0)));
    const x = (ms) => PAD.left + ((ms - start) / (end - start)) * (width - PAD.left - PAD.right);
    const y = (n) => (n / highest) * (height - PAD.top - PAD.bottom);
    scale = { start, end, x, width, unit: data.unit };
    for (const [bin, parts] of stacks) {
      const left = x(toDay(bin));
      const barWidth = Math.max(1, x(nextBin(toDay(bin), data.unit)) - left - 1);
      let base = height - PAD.bottom;
      for (const [type, count] of parts) {
        const h = Math.max(1, y(count));
        const bar = svgEl("rect", { x: left, y: base - h, width: barWidth, height: h, fill: colourOf(type), "data-bin": bin });
        bar.append(svgEl("title", {}));
        bar.firstChild.textContent = `${bin}: ${count} ${type}`;
        svg.append(bar);
        base -= h;
      }
    }
    for (const [ms, at, anchor] of [[start, start, "start"], [end - DAY, end, "end"]]) {
      const label = svgEl("text", { x: x(at), y: height - 3, class: "axis", "text-anchor": anchor });
      label.textContent = toIso(ms);
      svg.append(label);
    }
    const top = svgEl("text", { x: 2, y: PAD.top + 8, class: "axis" });
    top.textContent = String(highest);
    svg.append(top);
    brushRect = svgEl("rect", { class: "brush", y: PAD.top, height: height - PAD.top - PAD.bottom, x: 0, width: 0, visibility: "hidden" });
    svg.append(brushRect);
    if (selected && selected[0] && selected[1]) showBrush(x(toDay(selected[0])), x(toDay(selected[1]) + DAY));
  }

  function showBrush(a, b) {
    if (!brushRect) return;
    brushRect.setAttribute("x", Math.min(a, b));
    brushRect.setAttribute("width", Math.abs(b - a));
    brushRect.setAttribute("visibility", "visible");
  }

  // pixel -> the day it falls in
  const dayAt = (px) => {
    const ms = scale.start + ((px - PAD.left) / (scale.width - PAD.left - PAD.right)) * (scale.end - scale.start);
    return Math.min(Math.max(ms, scale.start), scale.end - DAY);
  };

  let from = null;
  svg.addEventListener("pointerdown", (e) => {
    if (!scale) return;
    from = e.offsetX;
    svg.setPointerCapture(e.pointerId);
    showBrush(from, from);
  });
  svg.addEventListener("pointermove", (e) => { if (from !== null) showBrush(from, e.offsetX); });
  svg.addEventListener("pointerup", (e) => {
    if (from === null) return;
    const to = e.offsetX;
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    if (b - a < 3) { onBrush(null, null); return; }  // a click clears the selection
    onBrush(toIso(dayAt(a)), toIso(dayAt(b)));
  });

  // redraw at the new width when the page's layout changes (an incident panel opens)
  let last = null;
  new ResizeObserver(() => { if (last) draw(...last); }).observe(svg);
  const drawAndKeep = (data, selected) => { last = [data, selected]; draw(data, selected); };
  return { draw: drawAndKeep };
}
