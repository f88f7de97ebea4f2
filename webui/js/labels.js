// Label chips: `name="value"` as text, with an optional "+" that adds the label to a filter.
import { h } from "./dom.js";
import { quote } from "./matchers.js";

export function labelChip(name, value, onAdd) {
  const text = name + "=" + quote(value);
  if (!onAdd) return h("span", { class: "chip plain" }, text);
  return h("span", { class: "chip" }, text,
    h("button", { type: "button", title: "Add " + text + " to the filter", "aria-label": "Add " + text + " to the filter",
      "data-label": name, onclick: () => onAdd(name, value) }, "+"));
}

export function labelChips(labels, onAdd, skip) {
  return h("span", { class: "labels" },
    Object.keys(labels).sort().filter((k) => !(skip && k in skip)).map((k) => labelChip(k, labels[k], onAdd)));
}
