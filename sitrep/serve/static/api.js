// Talking to the sitrep API. Text from the store is only ever put into the page as text.

const TOKEN_KEY = "sitrep-token";
const WHO_KEY = "sitrep-reviewer";

// The token arrives in the URL fragment (never sent to a server); keep it for this tab only.
export function takeTokenFromUrl() {
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
}

export const token = () => sessionStorage.getItem(TOKEN_KEY) || "";
export const setToken = (value) => sessionStorage.setItem(TOKEN_KEY, value.trim());
export const reviewer = () => localStorage.getItem(WHO_KEY) || "";
export const setReviewer = (value) => localStorage.setItem(WHO_KEY, value.trim());

export function params(filters, extra = {}) {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...extra })) {
    if (value === "" || value === null || value === undefined || value === false) continue;
    for (const one of Array.isArray(value) ? value : [value]) out.append(name, String(one));
  }
  return out;
}

export async function getJSON(path, query) {
  const response = await fetch(query ? `${path}?${query}` : path);
  return answer(response);
}

export async function postJSON(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token()}` },
    body: JSON.stringify(body),
  });
  return answer(response);
}

async function answer(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || body);
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

// Colours by ACLED event type (the legend, the map and the timeline use the same ones).
export const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
export const colourOf = (type) => TYPE_COLOURS[type] || "#607d8b";

// A DOM element with text content only: the one way store text enters the page.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let statusTimer = null;
export function say(message, isError = false) {
  const box = document.getElementById("status");
  box.textContent = message;
  box.className = "shown" + (isError ? " error" : "");
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { box.className = ""; }, isError ? 8000 : 3000);
}
