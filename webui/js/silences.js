// Silences: the list in active/pending/expired tabs (creator and comment shown), and one
// silence with the alerts it matches, edit, expire and recreate.
import { api } from "./api.js";
import { clear, errorBox, formatDuration, h, time } from "./dom.js";
import { filterParams, filterQuery, fromAPI, format } from "./matchers.js";
import { labelChips } from "./labels.js";
import { href, isCurrent, navigate } from "./router.js";

const STATES = ["active", "pending", "expired"];

export async function renderSilences(view, params, gen) {
  const filterText = params.get("filter") || "";
  const tab = STATES.includes(params.get("state")) ? params.get("state") : "active";
  const input = h("input", { id: "silence-filter", type: "search", class: "grow", value: filterText,
    placeholder: '{alertname="Foo"}', autocomplete: "off", spellcheck: "false" });
  const go = (changes) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) { if (v) p.set(k, v); else p.delete(k); }
    navigate("/silences", p);
  };
  view.append(h("h1", {}, "Silences"),
    h("form", { role: "search", "aria-label": "Filter silences", onsubmit: (e) => { e.preventDefault(); go({ filter: input.value.trim() }); } },
      h("div", { class: "row" }, h("label", { for: "silence-filter", class: "visually-hidden" }, "Filter silences (matchers)"), input,
        h("button", { type: "submit", class: "primary" }, "Apply"),
        h("a", { class: "button", href: "#/silences/new" }, "New silence"))));
  const silences = await api.silences(filterQuery(filterText));
  if (!isCurrent(gen)) return;
  const by = { active: [], pending: [], expired: [] };
  for (const s of silences) (by[s.status.state] || by.expired).push(s);
  by.active.sort((a, b) => (a.endsAt < b.endsAt ? -1 : 1));
  by.pending.sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
  by.expired.sort((a, b) => (a.endsAt > b.endsAt ? -1 : 1));

  const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": "Silence state" });
  const panel = h("div", { role: "tabpanel", id: "silence-panel", tabindex: "0" });
  const buttons = STATES.map((st) => h("button", {
    type: "button", role: "tab", id: "tab-" + st, "aria-controls": "silence-panel", "aria-selected": String(st === tab),
    tabindex: st === tab ? "0" : "-1", onclick: () => go({ state: st === "active" ? null : st }),
  }, `${st[0].toUpperCase()}${st.slice(1)} (${by[st].length})`));
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  tablist.addEventListener("keydown", (e) => {
    const i = buttons.indexOf(document.activeElement);
    if (i < 0 || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
    const next = buttons[(i + (e.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length];
    next.focus();
    next.click();
  });
  tablist.append(...buttons);
  panel.setAttribute("aria-labelledby", "tab-" + tab);
  if (by[tab].length === 0) panel.append(h("p", { class: "muted" }, `No ${tab} silences.`));
  for (const s of by[tab]) panel.append(silenceCard(s, () => navigate("/silences", params, true)));
  view.append(tablist, panel);
}

function matcherChips(s) {
  return h("span", { class: "labels" }, s.matchers.map((m) => h("span", { class: "chip plain" }, format(fromAPI(m)))));
}

function actions(s, onChange) {
  const out = [];
  if (s.status.state === "expired") {
    out.push(h("a", { class: "button", href: "#/silences/" + encodeURIComponent(s.id) + "/edit" }, "Recreate"));
  } else {
    out.push(h("a", { class: "button", href: "#/silences/" + encodeURIComponent(s.id) + "/edit" }, "Edit"));
    out.push(h("button", { type: "button", class: "danger", onclick: async (e) => {
      e.target.disabled = true;
      try { await api.expireSilence(s.id); onChange(); }
      catch (err) { e.target.after(errorBox(err)); e.target.disabled = false; }
    } }, "Expire"));
  }
  return out;
}

function silenceCard(s, onChange) {
  const st = s.status.state;
  return h("article", { class: "silence", "data-silence-id": s.id, "aria-label": "Silence " + s.id },
    h("div", { class: "row" }, matcherChips(s)),
    h("div", { class: "row" },
      h("span", { class: "badge " + st }, st),
      st === "pending" ? ["starts ", time(s.startsAt)] : st === "active" ? ["ends ", time(s.endsAt)] : ["ended ", time(s.endsAt)],
      h("span", { class: "muted" }, "by ", h("span", { class: "creator" }, s.createdBy))),
    h("p", { class: "comment" }, s.comment),
    h("div", { class: "row" }, h("a", { class: "button", href: "#/silences/" + encodeURIComponent(s.id) }, "View"), actions(s, onChange)));
}

export async function renderSilence(view, id, gen) {
  const s = await api.silence(id);
  if (!isCurrent(gen)) return;
  const reload = () => navigate("/silences/" + encodeURIComponent(id), null, true);
  view.append(h("h1", {}, "Silence"),
    h("table", {}, h("tbody", {},
      row("ID", h("code", {}, s.id)),
      row("State", h("span", { class: "badge " + s.status.state }, s.status.state)),
      row("Matchers", matcherChips(s)),
      row("Starts", time(s.startsAt)),
      row("Ends", time(s.endsAt)),
      row("Duration", formatDuration(new Date(s.endsAt) - new Date(s.startsAt))),
      row("Updated", time(s.updatedAt)),
      row("Created by", h("span", { class: "creator" }, s.createdBy)),
      row("Comment", h("span", { class: "comment" }, s.comment)))),
    h("div", { class: "row" }, actions(s, reload)));
  const affected = h("div", { id: "affected-alerts" }, h("p", { class: "muted" }, "Loading…"));
  view.append(h("h2", {}, "Affected alerts"), affected);
  const alerts = await api.alerts([...filterParams(s.matchers.map(fromAPI)),
    ["silenced", "true"], ["inhibited", "true"], ["active", "true"]]);
  if (!isCurrent(gen)) return;
  clear(affected).append(alertList(alerts));
}

function row(k, v) { return h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, v)); }

/** A short list of alerts by their labels (the detail view and the form's preview). */
export function alertList(alerts) {
  if (!alerts.length) return h("p", { class: "muted" }, "No alerts.");
  const shown = alerts.slice(0, 200);
  return h("div", {},
    h("p", { role: "status" }, `${alerts.length} alert${alerts.length === 1 ? "" : "s"}`),
    h("ul", { class: "alert-list" }, shown.map((a) => h("li", { class: "alert", "data-fingerprint": a.fingerprint }, labelChips(a.labels)))),
    alerts.length > shown.length ? h("p", { class: "muted" }, `…and ${alerts.length - shown.length} more`) : null);
}

