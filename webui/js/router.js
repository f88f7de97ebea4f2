// The hash route: `#/path?query`. Views read it and change it through here.

export function currentRoute() {
  const raw = location.hash.replace(/^#/, "");
  const q = raw.indexOf("?");
  const path = (q < 0 ? raw : raw.slice(0, q)) || "/";
  return { path, params: new URLSearchParams(q < 0 ? "" : raw.slice(q + 1)) };
}

export function href(path, params) {
  const qs = params && [...params].length ? "?" + params.toString() : "";
  return "#" + path + qs;
}

/** Goes to a route; `replace` swaps the history entry (filter edits on the same page). */
export function navigate(path, params, replace = false) {
  const target = href(path, params);
  if (replace) {
    history.replaceState(null, "", target);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    location.hash = target;
  }
}

let generation = 0;
export function nextGeneration() { return ++generation; }
/** True while the render that asked is still the current one (the user has not moved on). */
export function isCurrent(gen) { return gen === generation; }
