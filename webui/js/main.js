// Hash routes as Alertmanager's UI has them, so links in notifications keep working:
// #/alerts?filter=…, #/silences, #/silences/new?filter=…, #/silences/<id>, #/silences/<id>/edit, #/status;
// and tocsin's own #/routes?labels=… (the routing tree), #/history and #/alerts/<fingerprint>/why.
import { clear, errorBox, h } from "./dom.js";
import { renderAlerts } from "./alerts.js";
import { renderSilences, renderSilence } from "./silences.js";
import { renderSilenceForm } from "./silence-form.js";
import { renderStatus } from "./status.js";
import { renderRoutes } from "./routes.js";
import { renderHistory, renderWhy } from "./history.js";
import { currentRoute, isCurrent, navigate, nextGeneration } from "./router.js";

const main = document.getElementById("main");

async function route() {
  const gen = nextGeneration();
  const { path, params } = currentRoute();
  const parts = path.split("/").filter(Boolean);
  let nav = parts[0] || "alerts";
  if (parts[0] === "silences" && parts[1] === "new") nav = "new";
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const view = h("div", { "data-route": path });
  clear(main).appendChild(view);
  try {
    if (parts.length === 0) return navigate("/alerts", null, true);
    if (parts[0] === "alerts" && parts.length === 1) await renderAlerts(view, params, gen);
    else if (parts[0] === "silences" && parts.length === 1) await renderSilences(view, params, gen);
    else if (parts[0] === "silences" && parts[1] === "new" && parts.length === 2) await renderSilenceForm(view, params, null, gen);
    else if (parts[0] === "silences" && parts.length === 2) await renderSilence(view, decodeURIComponent(parts[1]), gen);
    else if (parts[0] === "silences" && parts[2] === "edit" && parts.length === 3) await renderSilenceForm(view, params, decodeURIComponent(parts[1]), gen);
    else if (parts[0] === "status" && parts.length === 1) await renderStatus(view, gen);
    else if (parts[0] === "routes" && parts.length === 1) await renderRoutes(view, params, gen);
    else if (parts[0] === "history" && parts.length === 1) await renderHistory(view, params, gen);
    else if (parts[0] === "alerts" && parts[2] === "why" && parts.length === 3) await renderWhy(view, decodeURIComponent(parts[1]), gen);
    else view.append(h("h1", {}, "Not found"), h("p", {}, "No page at ", path, ". ", h("a", { href: "#/alerts" }, "Go to the alerts.")));
  } catch (err) {
    if (isCurrent(gen)) view.appendChild(errorBox(err));
  }
  if (isCurrent(gen)) {
    view.dataset.ready = "true";
    // For scripts/bench-webui: when the page became usable, since navigation start.
    performance.mark("tocsin:ready:" + path);
  }
}

let lastPath = null;
window.addEventListener("hashchange", () => {
  const { path } = currentRoute();
  // A new page (not a filter change on the same one) moves focus to the content for screen readers.
  const moved = path !== lastPath;
  lastPath = path;
  route().then(() => { if (moved) main.focus({ preventScroll: true }); });
});
document.getElementById("skip-link").addEventListener("click", (e) => { e.preventDefault(); main.focus(); });
lastPath = currentRoute().path;
route();
