// New or edited silence: matcher rows, duration or start/end, creator (remembered in
// localStorage) and a required comment, with a live preview of the alerts it would silence.
// An expired silence opened for editing is recreated: same matchers, starting now, same length
// (the default two hours when it lasted under a minute).
import { api } from "./api.js";
import { clear, errorBox, formatDuration, h, parseDuration } from "./dom.js";
import { OPS, filterParams, fromAPI, parseFilter, toAPI } from "./matchers.js";
import { alertList } from "./silences.js";
import { isCurrent, navigate } from "./router.js";

const CREATOR_KEY = "tocsin.silence.creator";
const HOUR = 3600 * 1000;

function localInput(d) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export async function renderSilenceForm(view, params, id, gen) {
  let matchers = [], start = new Date(), end = new Date(Date.now() + 2 * HOUR), comment = "", editId = null, problem = null;
  let creator = "";
  try { creator = localStorage.getItem(CREATOR_KEY) || ""; } catch { /* storage may be off */ }
  let title = "New silence";
  if (id) {
    const s = await api.silence(id);
    if (!isCurrent(gen)) return;
    matchers = s.matchers.map(fromAPI);
    comment = s.comment;
    creator = s.createdBy || creator;
    if (s.status.state === "expired") {
      title = "Recreate silence";
      // The same length, unless it was under a minute (expired right after it started): such
      // a length would show as "0s" or end before the form is sent, so the default applies.
      const length = new Date(s.endsAt) - new Date(s.startsAt);
      end = new Date(start.getTime() + (length >= 60 * 1000 ? length : 2 * HOUR));
    } else {
      title = "Edit silence";
      editId = s.id;
      start = new Date(s.startsAt);
      end = new Date(s.endsAt);
    }
  } else if (params.get("filter")) {
    try { matchers = parseFilter(params.get("filter")); }
    catch (err) { problem = `The filter in the link does not parse: ${err.message}`; }
  }
  if (matchers.length === 0) matchers = [{ name: "", op: "=", value: "" }];

  const rows = h("div", { id: "matcher-rows" });
  const preview = h("div", { id: "silence-preview", "aria-live": "polite" });
  const errors = h("div", { id: "silence-errors", "aria-live": "assertive" });
  let seq = 0;
  const currentMatchers = () => [...rows.querySelectorAll(".matcher-row")].map((r) => ({
    name: r.querySelector(".m-name").value.trim(), op: r.querySelector(".m-op").value, value: r.querySelector(".m-value").value,
  })).filter((m) => m.name);

  let timer = null, previewSeq = 0;
  const schedulePreview = () => { clearTimeout(timer); timer = setTimeout(runPreview, 250); };
  async function runPreview() {
    const ms = currentMatchers();
    const mine = ++previewSeq;
    if (!ms.length) { clear(preview).append(h("p", { class: "muted" }, "Add a matcher to see the alerts it silences.")); return; }
    try {
      const alerts = await api.alerts([...filterParams(ms), ["silenced", "true"], ["inhibited", "true"], ["active", "true"]]);
      if (mine === previewSeq) clear(preview).append(alertList(alerts));
    } catch (err) {
      if (mine === previewSeq) clear(preview).append(errorBox(err));
    }
  }

  const addRow = (m) => {
    const n = ++seq;
    const row = h("div", { class: "matcher-row" },
      h("label", { for: "m-name-" + n, class: "visually-hidden" }, "Label name " + n),
      h("input", { id: "m-name-" + n, class: "m-name", value: m.name, placeholder: "label", autocomplete: "off", spellcheck: "false", oninput: schedulePreview }),
      h("label", { for: "m-op-" + n, class: "visually-hidden" }, "Operator " + n),
      h("select", { id: "m-op-" + n, class: "m-op", onchange: schedulePreview }, OPS.map((op) => h("option", { value: op, selected: op === m.op }, op))),
      h("label", { for: "m-value-" + n, class: "visually-hidden" }, "Value " + n),
      h("input", { id: "m-value-" + n, class: "m-value", value: m.value, placeholder: "value", autocomplete: "off", spellcheck: "false", oninput: schedulePreview }),
      h("button", { type: "button", "aria-label": "Remove matcher " + n, title: "Remove matcher", onclick: () => { row.remove(); schedulePreview(); } }, "×"));
    rows.appendChild(row);
    return row;
  };
  matchers.forEach(addRow);

  const startIn = h("input", { id: "silence-start", type: "datetime-local", step: "1", value: localInput(start) });
  const endIn = h("input", { id: "silence-end", type: "datetime-local", step: "1", value: localInput(end) });
  const durIn = h("input", { id: "silence-duration", value: formatDuration(end - start), size: 10, "aria-describedby": "duration-help" });
  const creatorIn = h("input", { id: "silence-creator", required: true, value: creator, autocomplete: "username" });
  const commentIn = h("textarea", { id: "silence-comment", required: true }, comment);
  const syncEnd = () => {
    const d = parseDuration(durIn.value), s = new Date(startIn.value);
    if (d !== null && !isNaN(s)) endIn.value = localInput(new Date(s.getTime() + d));
  };
  durIn.addEventListener("input", syncEnd);
  startIn.addEventListener("change", syncEnd);
  endIn.addEventListener("change", () => {
    const s = new Date(startIn.value), e = new Date(endIn.value);
    if (!isNaN(s) && !isNaN(e)) durIn.value = formatDuration(e - s);
  });

  const submit = h("button", { type: "submit", class: "primary" }, editId ? "Update" : "Create");
  const form = h("form", { id: "silence-form", novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clear(errors);
    const ms = currentMatchers();
    const problems = [];
    if (!ms.length) problems.push("At least one matcher with a label name is needed.");
    if (!creatorIn.value.trim()) problems.push("Creator is required.");
    if (!commentIn.value.trim()) problems.push("Comment is required.");
    const s = new Date(startIn.value), en = new Date(endIn.value);
    if (isNaN(s) || isNaN(en)) problems.push("Start and end must be dates.");
    if (problems.length) { errors.append(errorBox(problems.join("\n"))); return; }
    const body = { matchers: ms.map(toAPI), startsAt: s.toISOString(), endsAt: en.toISOString(),
      createdBy: creatorIn.value.trim(), comment: commentIn.value };
    if (editId) body.id = editId;
    try { localStorage.setItem(CREATOR_KEY, body.createdBy); } catch { /* ignore */ }
    submit.disabled = true;
    try {
      const res = await api.postSilence(body);
      navigate("/silences/" + encodeURIComponent(res.silenceID));
    } catch (err) {
      errors.append(errorBox(err));
      submit.disabled = false;
    }
  } },
    h("fieldset", {}, h("legend", {}, "Matchers"), rows,
      h("button", { type: "button", onclick: () => { addRow({ name: "", op: "=", value: "" }).querySelector("input").focus(); } }, "Add matcher")),
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "silence-start" }, "Start"), startIn),
      h("div", {}, h("label", { for: "silence-duration" }, "Duration"), durIn,
        h("span", { id: "duration-help", class: "muted" }, " e.g. 2h, 1d12h")),
      h("div", {}, h("label", { for: "silence-end" }, "End"), endIn)),
    h("label", { for: "silence-creator" }, "Creator"), creatorIn,
    h("label", { for: "silence-comment" }, "Comment"), commentIn,
    errors,
    h("div", { class: "row" }, submit, h("a", { class: "button", href: "#/silences" }, "Cancel")));

  view.append(...[h("h1", {}, title), problem ? errorBox(problem) : null, form].filter(Boolean),
    h("section", { class: "preview", "aria-label": "Preview" }, h("h2", {}, "Affected alerts"), preview));
  await runPreview();
}
