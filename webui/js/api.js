// The public API v2, relative to the page (the server puts a <base> under its route prefix),
// so the same files work behind --web.route-prefix, a reverse proxy, or a real Alertmanager.

export class APIError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, params, body, base = "api/v2/") {
  const url = new URL(base + path, document.baseURI);
  for (const [k, v] of params || []) url.searchParams.append(k, v);
  const init = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    // go-openapi answers either a JSON string or {"code":..,"message":..}.
    const msg = typeof data === "string" ? data : data && data.message ? data.message : res.statusText;
    throw new APIError(`${res.status}: ${String(msg).trim()}`, res.status);
  }
  return data;
}

export const api = {
  groups: (params) => call("GET", "alerts/groups", params),
  alerts: (params) => call("GET", "alerts", params),
  silences: (params) => call("GET", "silences", params),
  silence: (id) => call("GET", "silence/" + encodeURIComponent(id)),
  postSilence: (s) => call("POST", "silences", undefined, s),
  expireSilence: (id) => call("DELETE", "silence/" + encodeURIComponent(id)),
  status: () => call("GET", "status"),
  receivers: () => call("GET", "receivers"),
  // Tocsin's own extension (a real Alertmanager answers 404): the routing tree and which
  // routes a label set takes, as the server's dispatcher computes them.
  routes: () => call("GET", "routes", undefined, undefined, "api/tocsin/v1/"),
  notifications: (params) => call("GET", "notifications", params, undefined, "api/tocsin/v1/"),
  explain: (fp) => call("GET", "alerts/" + encodeURIComponent(fp) + "/explain", undefined, undefined, "api/tocsin/v1/"),
  routeTest: (labels) => call("GET", "routes/test", labels.map((l) => ["label", l.name + "=" + l.value]), undefined, "api/tocsin/v1/"),
};
