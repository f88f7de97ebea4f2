// The routing tree (Alertmanager #813): the running tree with each route's effective
// options, and which routes a label set takes, computed by the server's dispatcher code
// through tocsin's /api/tocsin/v1 extension. Against a real Alertmanager (no extension)
// the page says so instead of failing.
import { APIError, api } from "./api.js";
import { errorBox, h } from "./dom.js";
import { format, formatFilter, fromAPI, parseFilter } from "./matchers.js";
import { isCurrent, navigate } from "./router.js";

/** [{name, value}] from `{a="b", c="d"}`; throws when it is not a label set. */
export function parseLabels(text) {
  const ms = parseFilter(text);
  const bad = ms.find((m) => m.op !== "=");
  if (bad) throw new Error(`labels are name="value" pairs, ${format(bad)} is a matcher`);
  const seen = new Set();
  for (const m of ms) {
    if (seen.has(m.name)) throw new Error(`label ${m.name} is given twice`);
    seen.add(m.name);
  }
  return ms.map((m) => ({ name: m.name, value: m.value }));
}

function option(name, value) {
  return h("span", { class: "route-opt" }, h("span", { class: "muted" }, name + " "), value);
}

function routeNode(n, isRoot) {
  const matchers = n.matchers.map((m) => h("span", { class: "chip plain" }, format(fromAPI(m))));
  const card = h("div", { class: "route-card" },
    h("div", { class: "row" },
      h("span", { class: "route-matchers labels" },
        matchers.length ? matchers : h("span", { class: "muted" }, isRoot ? "default route" : "any labels")),
      h("span", {}, "receiver ", h("strong", { class: "route-receiver" }, n.receiver)),
      n.continue ? h("span", { class: "badge" }, "continue") : null,
      h("span", { class: "match-mark badge active", hidden: true })),
    h("div", { class: "row route-opts" },
      option("group by", n.groupBy.length ? n.groupBy.join(", ") : "—"),
      option("wait", n.groupWait), option("interval", n.groupInterval), option("repeat", n.repeatInterval),
      n.muteTimeIntervals.length ? option("muted during", n.muteTimeIntervals.join(", ")) : null,
      n.activeTimeIntervals.length ? option("active during", n.activeTimeIntervals.join(", ")) : null));
  return h("li", { class: "route", "data-route-index": n.index }, card,
    n.routes.length ? h("ol", {}, n.routes.map((c) => routeNode(c, false))) : null);
}

/** Marks the routes on the matched paths, and the matched routes themselves in dispatch order. */
function highlight(tree, result) {
  const byIndex = new Map([...tree.querySelectorAll("li.route")].map((li) => [Number(li.dataset.routeIndex), li]));
  result.routes.forEach((r, i) => {
    for (const idx of r.path) byIndex.get(idx)?.classList.add("on-path");
    const li = byIndex.get(r.index);
    if (!li) return;
    li.classList.add("matched");
    li.setAttribute("aria-current", "true");
    const mark = li.querySelector(":scope > .route-card .match-mark");
    mark.hidden = false;
    mark.textContent = result.routes.length > 1 ? `match ${i + 1} of ${result.routes.length}` : "match";
  });
}

export async function renderRoutes(view, params, gen) {
  const labelsText = params.get("labels") || "";
  view.append(h("h1", {}, "Routing tree"));
  let root;
  try {
    root = await api.routes();
  } catch (err) {
    if (!isCurrent(gen)) return;
    if (err instanceof APIError && err.status === 404) {
      view.append(h("p", { id: "routes-unavailable", role: "status" },
        "The routing tree is not available here: this server does not offer tocsin's route API ",
        "(a real Alertmanager has none). The alerts, silences and status pages work as usual."));
      return;
    }
    throw err;
  }
  if (!isCurrent(gen)) return;

  const input = h("input", { id: "route-labels", class: "grow", value: labelsText, autocomplete: "off", spellcheck: "false",
    placeholder: '{alertname="Foo", team="db"}' });
  const result = h("p", { id: "route-result", role: "status" });
  const tree = h("ol", { id: "route-tree", class: "route-tree" }, routeNode(root, true));
  view.append(
    h("form", { id: "route-test-form", role: "search", "aria-label": "Which routes does a label set take", onsubmit: (e) => {
      e.preventDefault();
      const p = new URLSearchParams(params);
      const text = input.value.trim();
      if (text) p.set("labels", text); else p.delete("labels");
      navigate("/routes", p, true);
    } },
      h("div", { class: "row" },
        h("label", { for: "route-labels", class: "route-label" }, "Labels"), input,
        h("button", { type: "submit", class: "primary" }, "Show matching routes"))),
    result, tree);

  if (!labelsText.trim()) {
    result.append(h("span", { class: "muted" }, "Type the labels of an alert to see the routes it takes."));
    return;
  }
  let labels;
  try { labels = parseLabels(labelsText); } catch (err) {
    result.replaceWith(errorBox(err));
    return;
  }
  const answer = await api.routeTest(labels);
  if (!isCurrent(gen)) return;
  highlight(tree, answer);
  result.append((formatFilter(labels.map((l) => ({ name: l.name, op: "=", value: l.value }))) || "{}") + " → ",
    answer.receivers.length ? h("strong", { id: "route-receivers" }, answer.receivers.join(", ")) : "no route");
}
