// Tocsin's notification history (#/history) and an alert's "why" (#/alerts/<fingerprint>/why),
// through the /api/tocsin/v1 extension. Against a real Alertmanager (no extension) the pages
// say so instead of failing.
import { APIError, api } from "./api.js";
import { h } from "./dom.js";
import { formatFilter, fromLabels } from "./matchers.js";
import { href, isCurrent, navigate } from "./router.js";

const OUTCOMES = ["success", "failed", "deduplicated", "suppressed"];

function unavailable(view, what) {
  view.append(h("p", { id: "history-unavailable", role: "status" },
    `${what} is not available here: this server does not offer tocsin's API `,
    "(a real Alertmanager has none)."));
}

function localTime(iso) {
  const d = new Date(iso);
  return h("time", { datetime: iso, title: iso }, isNaN(d) ? iso : d.toLocaleString());
}

function detail(r) {
  if (r.outcome === "failed") return r.error + (r.willRetry ? " (will retry)" : "");
  if (r.outcome === "deduplicated") return "already sent" + (r.peer ? " by " + r.peer : "") + (r.notifiedAt ? " at " + r.notifiedAt : "");
  if (r.outcome === "suppressed") return "muted by " + r.timeInterval;
  return "";
}

function recordsTable(records) {
  return h("table", { id: "history-table", class: "history" },
    h("thead", {}, h("tr", {}, ["Time", "Node", "Receiver", "Integration", "Group", "Alerts", "Attempt", "Outcome", "Detail"]
      .map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, records.map((r) => h("tr", { class: "outcome-" + r.outcome },
      h("td", {}, localTime(r.time)), h("td", {}, r.node), h("td", {}, r.receiver),
      h("td", {}, `${r.integration}[${r.integrationIndex}]`), h("td", { class: "mono" }, r.groupKey),
      h("td", {}, `${r.firing.length} firing, ${r.resolved.length} resolved`), h("td", {}, String(r.attempt)),
      h("td", {}, h("span", { class: "badge " + (r.outcome === "success" ? "active" : r.outcome === "failed" ? "suppressed" : "expired") }, r.outcome)),
      h("td", {}, detail(r))))));
}

function partialNote(answer) {
  return answer.partial
    ? h("p", { id: "history-partial", role: "status" }, "Partial answer: not asked or not answering: ",
      (answer.skippedPeers || []).join(", ") || "some peers", ".")
    : "";  // Element.append writes null as text
}

export async function renderHistory(view, params, gen) {
  view.append(h("h1", {}, "Notification history"));
  const query = [];
  for (const k of ["receiver", "outcome", "fingerprint", "groupKey"]) if (params.get(k)) query.push([k, params.get(k)]);
  query.push(["limit", params.get("limit") || "500"]);
  let answer;
  try { answer = await api.notifications(query); } catch (err) {
    if (!isCurrent(gen)) return;
    if (err instanceof APIError && err.status === 404) return unavailable(view, "The notification history");
    throw err;
  }
  if (!isCurrent(gen)) return;
  const receiver = h("input", { id: "history-receiver", value: params.get("receiver") || "", placeholder: "any receiver" });
  const outcome = h("select", { id: "history-outcome" }, h("option", { value: "" }, "any outcome"),
    OUTCOMES.map((o) => h("option", { value: o, selected: params.get("outcome") === o }, o)));
  view.append(
    h("form", { id: "history-form", role: "search", "aria-label": "Filter the history", onsubmit: (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      if (receiver.value.trim()) p.set("receiver", receiver.value.trim());
      if (outcome.value) p.set("outcome", outcome.value);
      navigate("/history", p, true);
    } }, h("div", { class: "row" },
      h("label", { for: "history-receiver" }, "Receiver"), receiver,
      h("label", { for: "history-outcome" }, "Outcome"), outcome,
      h("button", { type: "submit", class: "primary" }, "Show"))),
    partialNote(answer),
    answer.notifications.length ? recordsTable(answer.notifications)
      : h("p", { id: "history-empty", class: "muted" }, "No notifications recorded."));
}

export async function renderWhy(view, fingerprint, gen) {
  view.append(h("h1", {}, "Why this alert"));
  let e;
  try { e = await api.explain(fingerprint); } catch (err) {
    if (!isCurrent(gen)) return;
    if (err instanceof APIError && err.status === 404 && !/^404: alert \S+ not found/.test(err.message)) {
      return unavailable(view, "The explanation");
    }
    throw err;
  }
  if (!isCurrent(gen)) return;
  const section = (title, id, items) => h("section", { id },
    h("h2", {}, title), items.length ? h("ul", {}, items.map((i) => h("li", {}, i))) : h("p", { class: "muted" }, "none"));
  view.append(
    h("p", { id: "why-labels", class: "mono" }, formatFilter(fromLabels(e.labels))),
    h("p", {}, "State: ", h("strong", { id: "why-state" }, e.state)),
    section("Routes", "why-routes", e.routes.map((r) => [
      h("strong", {}, r.receiver), ` — path ${r.path.join(" → ")}, group `, h("span", { class: "mono" }, r.groupKey),
      `, wait ${r.groupWait}, interval ${r.groupInterval}, repeat ${r.repeatInterval}, next flush `,
      r.nextFlush ? localTime(r.nextFlush) : "not scheduled"])),
    section("Silenced by", "why-silenced", e.silencedBy.map((id) => h("a", { href: "#/silences/" + encodeURIComponent(id) }, id))),
    section("Inhibited by", "why-inhibited", e.inhibitedBy.map((i) => `inhibit rule ${i.name ? `"${i.name}" (${i.rule})` : i.rule}, source alerts ${i.sources.join(", ")}`)),
    section("Muted by time intervals", "why-muted", e.mutedBy.map((m) => [m.timeInterval, " until ", m.until ? localTime(m.until) : "further than a year"])),
    h("h2", {}, "Last notifications"),
    partialNote(e),
    e.notifications.length ? recordsTable(e.notifications) : h("p", { class: "muted" }, "No notifications recorded."),
    h("p", {}, h("a", { href: href("/history", new URLSearchParams({ fingerprint })) }, "All of this alert's history")));
}
