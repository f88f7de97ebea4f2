// Status: version, uptime, the cluster and its peers, and the running configuration (the
// API has already replaced its secrets).
import { api } from "./api.js";
import { formatDuration, h, time } from "./dom.js";
import { isCurrent } from "./router.js";

export async function renderStatus(view, gen) {
  const s = await api.status();
  if (!isCurrent(gen)) return;
  const v = s.versionInfo || {};
  const c = s.cluster || {};
  const row = (k, val) => h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, val));
  const peers = c.peers || [];
  view.append(...[
    h("h1", {}, "Status"),
    h("table", { id: "status-info" }, h("tbody", {},
      row("Uptime", [time(s.uptime), " (", formatDuration(Date.now() - new Date(s.uptime)), ")"]),
      row("Version", v.version), row("Revision", v.revision), row("Branch", v.branch),
      row("Build user", v.buildUser), row("Build date", v.buildDate), row("Go version", v.goVersion))),
    h("h2", {}, "Cluster"),
    h("table", { id: "cluster-info" }, h("tbody", {},
      row("Name", c.name || "—"), row("Status", c.status || "—"), row("Peers", String(peers.length)))),
    peers.length
      ? h("table", { id: "peers" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Peer"), h("th", { scope: "col" }, "Address"))),
        h("tbody", {}, peers.map((p) => h("tr", { class: "peer" }, h("td", {}, p.name), h("td", {}, p.address)))))
      : null,
    h("h2", {}, "Configuration"),
    h("pre", { id: "config", tabindex: "0", "aria-label": "Running configuration" }, (s.config && s.config.original) || ""),
  ].filter(Boolean));
}
