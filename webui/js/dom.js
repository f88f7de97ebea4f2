// DOM building without innerHTML: every string becomes a text node, so label values,
// annotations and comments can never become markup.

/** h("a", {href, class, onclick, "aria-label": ...}, child...) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "value" || k === "checked" || k === "selected") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Only http(s) links are rendered as links (no javascript: or data: URLs). */
export function safeURL(s) {
  try {
    const u = new URL(s, document.baseURI);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch { return null; }
}

/** Text with the http(s) URLs in it as links. */
export function linkify(text) {
  const out = [];
  const re = /https?:\/\/[^\s<>"']+/g;
  let last = 0, m;
  while ((m = re.exec(text)) !== null) {
    out.push(text.slice(last, m.index));
    const href = safeURL(m[0]);
    out.push(href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, m[0]) : m[0]);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

const fmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A <time> in the local zone with the UTC instant on hover. */
export function time(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return h("span", {}, String(iso));
  return h("time", { datetime: d.toISOString(), title: d.toISOString().replace(".000Z", "Z") + " (UTC)" }, fmt.format(d));
}

export function formatDuration(ms) {
  let s = Math.max(0, Math.round(ms / 1000));
  const parts = [];
  for (const [unit, n] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]]) {
    if (s >= n) { parts.push(Math.floor(s / n) + unit); s %= n; }
  }
  return parts.join("") || "0s";
}

/** "1d2h30m" → milliseconds; null when it does not parse. */
export function parseDuration(s) {
  const m = /^\s*(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?\s*$/.exec(s);
  if (!m || !s.trim()) return null;
  const [w, d, hh, mm, ss] = m.slice(1).map((x) => Number(x || 0));
  return ((((w * 7 + d) * 24 + hh) * 60 + mm) * 60 + ss) * 1000;
}

export function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, String(err && err.message ? err.message : err));
}
