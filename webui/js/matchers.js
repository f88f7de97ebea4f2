// Matchers as the UI edits them: {name, op, value}. The server parses filters itself (its
// parser is authoritative and its errors are shown); this reader only splits a filter such
// as `{alertname="Foo",env=~"prod|dev"}` into rows for the silence form and the filter bar.

export const OPS = ["=", "!=", "=~", "!~"];

/** [{name, op, value}] from a filter string; throws on what it cannot read. */
export function parseFilter(input) {
  let s = input.trim();
  if (s.startsWith("{")) {
    if (!s.endsWith("}")) throw new Error("missing closing '}'");
    s = s.slice(1, -1);
  }
  const out = [];
  let i = 0;
  const skipSpace = () => { while (i < s.length && /\s/.test(s[i])) i++; };
  while (true) {
    skipSpace();
    if (i >= s.length) break;
    const nameStart = i;
    while (i < s.length && !"=!~,\"".includes(s[i]) && !/\s/.test(s[i])) i++;
    const name = s.slice(nameStart, i);
    skipSpace();
    const op = OPS.slice().sort((a, b) => b.length - a.length).find((o) => s.startsWith(o, i));
    if (!name || !op) throw new Error(`bad matcher at "${s.slice(nameStart)}"`);
    i += op.length;
    skipSpace();
    let value = "";
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === "\\" && i + 1 < s.length) {
          i++;
          value += s[i] === "n" ? "\n" : s[i] === "t" ? "\t" : s[i];
        } else value += s[i];
        i++;
      }
      if (s[i] !== '"') throw new Error("unterminated quoted value");
      i++;
    } else {
      const start = i;
      while (i < s.length && s[i] !== ",") i++;
      value = s.slice(start, i).trim();
    }
    out.push({ name, op, value });
    skipSpace();
    if (i < s.length) {
      if (s[i] !== ",") throw new Error(`expected ',' at "${s.slice(i)}"`);
      i++;
    }
  }
  return out;
}

export function quote(v) {
  return '"' + v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}

export function format(m) {
  return m.name + m.op + quote(m.value);
}

export function formatFilter(ms) {
  return ms.length ? "{" + ms.map(format).join(", ") + "}" : "";
}

/** Matchers for a label set, all equality. */
export function fromLabels(labels) {
  return Object.keys(labels).sort().map((name) => ({ name, op: "=", value: labels[name] }));
}

export function toAPI(m) {
  return { name: m.name, value: m.value, isRegex: m.op.includes("~"), isEqual: !m.op.startsWith("!") };
}

export function fromAPI(m) {
  const isEqual = m.isEqual === undefined ? true : m.isEqual;
  const op = m.isRegex ? (isEqual ? "=~" : "!~") : (isEqual ? "=" : "!=");
  return { name: m.name, op, value: m.value };
}

/** `filter` query parameters (one per matcher) for GET /api/v2/alerts. */
export function filterParams(ms) {
  return ms.map((m) => ["filter", format(m)]);
}

/**
 * `filter` query parameters for a filter the user typed. The API takes one matcher per
 * parameter (Alertmanager 0.25 does not take braces there), so a filter that reads is split;
 * one that does not is sent as it is, for the server to say what is wrong.
 */
export function filterQuery(text) {
  if (!text.trim()) return [];
  try { return filterParams(parseFilter(text)); } catch { return [["filter", text]]; }
}
