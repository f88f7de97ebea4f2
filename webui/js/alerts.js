// The alerts page: the API's groups (or the user's own group_by), a filter bar whose
// matchers the server parses, receiver and silenced/inhibited/muted switches. Built to stay
// quick with 10,000 alerts: groups beyond the first few start collapsed, long lists are
// rendered a page at a time, and a collapsed group renders no alerts at all.
import { api } from "./api.js";
import { h, linkify, safeURL, time } from "./dom.js";
import { filterQuery, formatFilter, fromLabels, parseFilter } from "./matchers.js";
import { labelChips } from "./labels.js";
import { href, isCurrent, navigate } from "./router.js";

const GROUP_PAGE = 50;       // groups rendered per "show more"
const ALERT_PAGE = 100;      // alerts rendered per group per "show more"
const EXPANDED_BUDGET = 200; // alerts rendered up front across the expanded groups

function bool(params, name, dflt) {
  const v = params.get(name);
  return v === null ? dflt : v === "true";
}

export function regexEscape(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

export async function renderAlerts(view, params, gen) {
  const filterText = params.get("filter") || "";
  const muted = params.get("muted");
  const silenced = bool(params, "silenced", muted === null ? false : muted === "true");
  const inhibited = bool(params, "inhibited", muted === null ? false : muted === "true");
  const active = bool(params, "active", true);
  const receiver = params.get("receiver") || "";
  const groupBy = (params.get("group_by") || "").split(",").map((s) => s.trim()).filter(Boolean);

  let matchers = null;
  try { matchers = parseFilter(filterText); } catch { matchers = null; }

  const update = (changes) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") p.delete(k); else p.set(k, v);
    }
    navigate("/alerts", p);
  };
  const addLabel = (name, value) => {
    const ms = matchers ? matchers.slice() : [];
    if (!ms.some((m) => m.name === name && m.op === "=" && m.value === value)) ms.push({ name, op: "=", value });
    update({ filter: formatFilter(ms) });
  };

  const filterInput = h("input", { id: "alert-filter", type: "search", class: "grow", value: filterText,
    placeholder: '{alertname="Foo", severity=~"critical|warning"}', autocomplete: "off", spellcheck: "false" });
  const groupByInput = h("input", { id: "alert-group-by", value: groupBy.join(","), placeholder: "labels, comma-separated", size: 22 });
  const receiverSelect = h("select", { id: "alert-receiver" }, h("option", { value: "" }, "All receivers"));
  const toggle = (id, text, checked, onchange) =>
    h("label", { for: id, class: "inline" }, h("input", { id, type: "checkbox", checked, onchange }), " ", text);

  view.append(
    h("h1", {}, "Alerts"),
    h("form", { role: "search", "aria-label": "Filter alerts", onsubmit: (e) => {
      e.preventDefault();
      update({ filter: filterInput.value.trim(), group_by: groupByInput.value.replace(/\s+/g, "") });
    } },
      h("div", { class: "row" },
        h("label", { for: "alert-filter", class: "visually-hidden" }, "Filter (matchers)"), filterInput,
        h("button", { type: "submit", class: "primary" }, "Apply"),
        filterText ? h("button", { type: "button", onclick: () => update({ filter: null }) }, "Clear") : null,
        h("a", { class: "button", href: href("/silences/new", new URLSearchParams(filterText ? { filter: filterText } : {})) }, "Silence these")),
      h("div", { class: "row" },
        h("label", { for: "alert-receiver" }, "Receiver"), receiverSelect,
        toggle("alert-silenced", "Silenced", silenced, (e) => update({ silenced: String(e.target.checked), muted: null })),
        toggle("alert-inhibited", "Inhibited", inhibited, (e) => update({ inhibited: String(e.target.checked), muted: null })),
        toggle("alert-muted", "Muted", silenced && inhibited, (e) =>
          update({ muted: String(e.target.checked), silenced: null, inhibited: null })),
        h("label", { for: "alert-group-by" }, "Group by"), groupByInput)),
  );
  receiverSelect.addEventListener("change", () => update({ receiver: receiverSelect.value ? regexEscape(receiverSelect.value) : null }));

  const summary = h("p", { class: "muted", role: "status", id: "alert-summary" }, "Loading…");
  const list = h("div", { id: "alert-groups" });
  view.append(summary, list);

  const q = filterQuery(filterText);
  if (receiver) q.push(["receiver", receiver]);
  q.push(["silenced", String(silenced)], ["inhibited", String(inhibited)], ["active", String(active)]);

  const [groups, receivers] = await Promise.all([api.groups(q), api.receivers().catch(() => [])]);
  if (!isCurrent(gen)) return;
  performance.mark("tocsin:data:/alerts"); // scripts/bench/webui.py: the API's part of the load
  for (const r of receivers || []) {
    receiverSelect.append(h("option", { value: r.name, selected: receiver !== "" && regexEscape(r.name) === receiver }, r.name));
  }
  if (receiver && ![...receiverSelect.options].some((o) => o.selected && o.value)) {
    receiverSelect.append(h("option", { value: receiver, selected: true }, receiver));
  }

  const shown = groupBy.length ? regroup(groups, groupBy) : groups.map((g) => ({ ...g, key: groupKey(g) }));
  const total = shown.reduce((n, g) => n + g.alerts.length, 0);
  summary.textContent = `${total} alert${total === 1 ? "" : "s"} in ${shown.length} group${shown.length === 1 ? "" : "s"}`;
  if (shown.length === 0) list.append(h("p", {}, "No alerts match."));

  // Expanded up front: the first groups, until the budget of rendered alerts is spent.
  let budget = EXPANDED_BUDGET;
  const open = new Set();
  for (const g of shown) {
    if (open.size > 0 && g.alerts.length > budget) break;
    open.add(g.key);
    budget -= g.alerts.length;
  }
  const groupEls = [];
  let rendered = 0;
  const more = h("button", { type: "button", id: "more-groups" });
  const renderMoreGroups = () => {
    const frag = document.createDocumentFragment();
    for (const g of shown.slice(rendered, rendered + GROUP_PAGE)) {
      const el = groupElement(g, open.has(g.key), addLabel);
      groupEls.push(el);
      frag.appendChild(el.root);
    }
    rendered = Math.min(shown.length, rendered + GROUP_PAGE);
    list.appendChild(frag);
    more.textContent = `Show more groups (${shown.length - rendered} left)`;
    if (rendered >= shown.length) more.remove(); else list.after(more);
  };
  more.addEventListener("click", renderMoreGroups);
  renderMoreGroups();
  if (shown.length > 1) {
    summary.after(h("div", { class: "row" },
      h("button", { type: "button", onclick: () => groupEls.forEach((g) => g.setOpen(true)) }, "Expand all"),
      h("button", { type: "button", onclick: () => groupEls.forEach((g) => g.setOpen(false)) }, "Collapse all")));
  }
}

function groupKey(g) {
  return (g.receiver ? g.receiver.name : "") + "\u0000" + JSON.stringify(Object.entries(g.labels).sort());
}

/** Groups by the user's label names; an alert in several API groups (receivers) counts once. */
function regroup(groups, names) {
  const byKey = new Map();
  const seen = new Set();
  for (const g of groups) {
    for (const a of g.alerts) {
      if (seen.has(a.fingerprint)) continue;
      seen.add(a.fingerprint);
      const labels = {};
      for (const n of names) if (n in a.labels) labels[n] = a.labels[n];
      const key = JSON.stringify(names.map((n) => a.labels[n] ?? null));
      if (!byKey.has(key)) byKey.set(key, { key, labels, receiver: null, alerts: [] });
      byKey.get(key).alerts.push(a);
    }
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

let groupSeq = 0;

function groupElement(g, startOpen, addLabel) {
  const id = "group-" + ++groupSeq;
  const body = h("ul", { id, "aria-label": "Alerts of this group" });
  const toggle = h("button", { type: "button", "aria-controls": id, class: "toggle" });
  let isOpen = false, renderedAlerts = 0;
  const alerts = g.alerts.slice().sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  const moreAlerts = h("button", { type: "button" });
  const renderMore = () => {
    const frag = document.createDocumentFragment();
    for (const a of alerts.slice(renderedAlerts, renderedAlerts + ALERT_PAGE)) frag.appendChild(alertElement(a, g.labels, addLabel));
    renderedAlerts = Math.min(alerts.length, renderedAlerts + ALERT_PAGE);
    body.appendChild(frag);
    moreAlerts.textContent = `Show more alerts (${alerts.length - renderedAlerts} left)`;
    if (renderedAlerts >= alerts.length) moreAlerts.remove(); else body.appendChild(h("li", {}, moreAlerts));
  };
  moreAlerts.addEventListener("click", () => { moreAlerts.parentElement.remove(); renderMore(); });
  const setOpen = (o) => {
    isOpen = o;
    toggle.setAttribute("aria-expanded", String(o));
    toggle.textContent = o ? "▾" : "▸";
    toggle.setAttribute("aria-label", (o ? "Collapse" : "Expand") + " group");
    body.hidden = !o;
    if (o && renderedAlerts === 0) renderMore();
  };
  toggle.addEventListener("click", () => setOpen(!isOpen));
  const silenceLink = h("a", { class: "button", href: href("/silences/new", new URLSearchParams({ filter: formatFilter(fromLabels(g.labels)) })) }, "Silence");
  const root = h("section", { class: "group", "aria-label": "Alert group" },
    h("header", {}, toggle,
      Object.keys(g.labels).length ? labelChips(g.labels, addLabel) : h("span", { class: "muted" }, "(no group labels)"),
      g.receiver ? h("span", { class: "muted" }, "receiver: ", g.receiver.name) : null,
      h("span", { class: "badge" }, `${alerts.length} alert${alerts.length === 1 ? "" : "s"}`),
      Object.keys(g.labels).length ? silenceLink : null),
    body);
  setOpen(startOpen);
  return { root, setOpen };
}

function alertElement(a, groupLabels, addLabel) {
  const status = a.status || {};
  const badges = [];
  if (status.state === "suppressed") {
    for (const id of status.silencedBy || []) badges.push(h("a", { class: "badge suppressed", href: "#/silences/" + encodeURIComponent(id) }, "silenced"));
    if ((status.inhibitedBy || []).length) badges.push(h("span", { class: "badge suppressed" }, "inhibited"));
  }
  const source = a.generatorURL ? safeURL(a.generatorURL) : null;
  const annotations = Object.keys(a.annotations || {}).sort();
  return h("li", { class: "alert", "data-fingerprint": a.fingerprint },
    h("div", { class: "row" },
      time(a.startsAt), badges,
      labelChips(a.labels, addLabel, groupLabels),
      h("a", { class: "button", href: href("/silences/new", new URLSearchParams({ filter: formatFilter(fromLabels(a.labels)) })) }, "Silence"),
      h("a", { class: "why-link", href: "#/alerts/" + encodeURIComponent(a.fingerprint) + "/why" }, "Why?"),
      source ? h("a", { href: source, rel: "noopener noreferrer", target: "_blank" }, "Source") : null),
    annotations.length
      ? h("dl", { class: "annotations" }, annotations.map((k) => [h("dt", {}, k), h("dd", {}, linkify(String(a.annotations[k])))]))
      : null);
}
