// The map: country outlines (Natural Earth, from the server), incidents clustered where dense,
// coloured by event type and sized by fatalities; grid cells when too many to draw.
import { colourOf, el, getJSON } from "./api.js";

export function radiusFor(fatalities) {
  return 5 + 2.2 * Math.sqrt(fatalities || 0);
}

export function createMap(element, { onOpen, onMove, tiles }) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 16 }).setView([12, 20], 2);
  // outlines in a pane of their own, under every marker and tile-free
  map.createPane("outlines").style.zIndex = 250;
  getJSON("/api/basemap/countries.geojson").then((outlines) => {
    L.geoJSON(outlines, {
      interactive: false, pane: "outlines", renderer: L.canvas({ pane: "outlines" }),
      style: { color: "#8c8c8c", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(map);
    document.body.dataset.outlines = "drawn";
  });
  if (tiles) addTilesIfReachable(map, tiles);
  const clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false,
    maxClusterRadius: 40, iconCreateFunction: clusterIcon });
  const cells = L.layerGroup();
  const control = L.layerGroup().addTo(map);
  map.addLayer(clusters);
  map.addLayer(cells);
  let fitted = false;
  map.on("moveend", () => onMove());
  new ResizeObserver(() => map.invalidateSize()).observe(element);

  function show(layer) {
    clusters.clearLayers();
    cells.clearLayers();
    if (layer.mode === "points") {
      const markers = layer.points.map(([id, lat, lon, type, fatalities, place, day]) => {
        const marker = L.circleMarker([lat, lon], {
          radius: radiusFor(fatalities), color: "#fff", weight: 1,
          fillColor: colourOf(type), fillOpacity: 0.85,
        });
        marker.eventType = type;
        marker.bindTooltip(el("span", { text: `${day || "undated"} · ${type} · ${place} · ${fatalities} killed` }));
        marker.on("click", () => onOpen(id));
        return marker;
      });
      clusters.addLayers(markers);
      if (!fitted && markers.length) {
        map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.3), { maxZoom: 6 });
        fitted = true;
      }
    } else {
      for (const [lat, lon, count, fatalities, type] of layer.cells) {
        const size = Math.round(18 + 6 * Math.log10(count + 1) * 2);
        const label = el("div", { class: "cell-count", text: count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count) });
        label.style.width = label.style.height = `${size}px`;
        label.style.background = colourOf(type);
        const marker = L.marker([lat, lon], { icon: L.divIcon({ html: label, className: "", iconSize: [size, size] }) });
        marker.bindTooltip(el("span", { text: `${count} incidents, ${fatalities} killed (mostly ${type})` }));
        marker.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 2, 12)));
        cells.addLayer(marker);
      }
    }
  }

  function view() {
    const b = map.getBounds();
    const box = [b.getWest(), Math.max(b.getSouth(), -90), b.getEast(), Math.min(b.getNorth(), 90)];
    return { bbox: box.map((n) => n.toFixed(4)).join(","), zoom: map.getZoom() };
  }

  // who holds which place on the chosen date: a shaded ring per place, coloured by holder
  function showControl(features) {
    control.clearLayers();
    for (const feature of features) {
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      const ring = L.circleMarker([lat, lon], { radius: 16, color: holderColour(p.holder), weight: 2,
        dashArray: "4 3", fillColor: holderColour(p.holder), fillOpacity: 0.22, className: "control-ring" });
      ring.bindTooltip(el("span", { text: `${p.place}: held by ${p.holder} since ${p.since}` }));
      control.addLayer(ring);
    }
  }

  return { map, show, view, showControl };
}

// A cluster takes the colour of its most common event type and shows its count.
function clusterIcon(cluster) {
  const counts = {};
  for (const marker of cluster.getAllChildMarkers()) counts[marker.eventType] = (counts[marker.eventType] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = 22 + Math.min(20, 4 * Math.log2(n));
  const label = el("div", { class: "cell-count cluster-count", text: String(n) });
  label.style.width = label.style.height = `${size}px`;
  label.style.background = colourOf(top);
  return L.divIcon({ html: label, className: "", iconSize: [size, size] });
}

// An online layer only when one of its tiles loads within a few seconds; else outlines only.
function addTilesIfReachable(map, template) {
  const probe = new Image();
  const timer = setTimeout(() => { probe.src = ""; }, 4000);
  probe.onload = () => { clearTimeout(timer); L.tileLayer(template, { maxZoom: 18, opacity: 0.9 }).addTo(map); };
  probe.src = template.replace("{s}", "a").replace("{z}", "1").replace("{x}", "1").replace("{y}", "1").replace("{r}", "");
}

function holderColour(name) {
  let hash = 0;
  for (const ch of String(name)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360}, 70%, 40%)`;
}
