/**
 * The script of the agency page, served as `/agency.js`: reads the worklist with the pasted token, downloads the
 * template, uploads a filled CSV or workbook (showing each row's problem in a table), and takes approval actions.
 * It builds the DOM with `textContent` only (no HTML from data), keeps the token in `sessionStorage`, and announces
 * every outcome in the page's live status line.
 */
export const AGENCY_SCRIPT = String.raw`"use strict";
(() => {
  const t = JSON.parse(document.getElementById("texts").textContent);
  const $ = (id) => document.getElementById(id);
  const KEY = "tijian.token";
  const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  const el = (tag, props, children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  };
  const say = (text, error) => {
    const status = $("status");
    status.textContent = text;
    status.className = error ? "error" : "";
  };
  const token = () => sessionStorage.getItem(KEY);
  const api = async (path, init) => {
    const headers = Object.assign({ authorization: "Bearer " + token() }, (init && init.headers) || {});
    const res = await fetch("/api/v1" + path, Object.assign({}, init, { headers }));
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    return { res, body };
  };
  const errorOf = (r) => (r.body && r.body.error && r.body.error.message) || String(r.res.status);

  const problemsTable = (problems) =>
    el("table", { id: "problem-table" }, [
      el("caption", { textContent: t.rowErrors }),
      el("thead", {}, [el("tr", {}, [t.row, t.field, t.message].map((h) => el("th", { scope: "col", textContent: h })))]),
      el("tbody", {}, problems.map((p) => el("tr", {}, [String(p.row ?? p.index ?? ""), p.field || "", p.message].map((c) => el("td", { textContent: c }))))),
    ]);

  const download = async (set) => {
    const res = await fetch("/api/v1/templates/" + encodeURIComponent(set.region) + "/" + set.year + ".xlsx", { headers: { authorization: "Bearer " + token() } });
    if (!res.ok) { say(errorOf({ res, body: await res.json().catch(() => null) }), true); return; }
    const url = URL.createObjectURL(await res.blob());
    const a = el("a", { href: url, download: "tijian-" + set.region + "-" + set.year + ".xlsx" });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };

  const upload = async (input) => {
    const file = input.files && input.files[0];
    if (!file) { say(t.file, true); input.focus(); return; }
    const type = /\.xlsx$/i.test(file.name) ? XLSX : "text/csv";
    const r = await api("/observations/import", { method: "POST", headers: { "content-type": type }, body: file });
    $("problems").replaceChildren();
    if (r.res.status === 201) {
      await load(false);
      say(fill(t.stored, { count: r.body.count, unchanged: r.body.unchanged }));
      return;
    }
    say(errorOf(r), true);
    if (r.body && r.body.error && Array.isArray(r.body.error.details) && r.body.error.details.length > 0) {
      $("problems").append(problemsTable(r.body.error.details));
    }
  };

  // the warnings a submission must acknowledge: each with a reason field, then "submit with these reasons"
  const acknowledgeForm = (set, warnings) => {
    const inputs = warnings.map((w, i) => el("input", { type: "text", id: "reason-" + i, size: 40, required: true }));
    const submit = el("button", {
      type: "button",
      textContent: t.submitAnyway,
      onclick: () => {
        const acknowledge = {};
        warnings.forEach((w, i) => { if (inputs[i].value.trim()) acknowledge[w.rule] = inputs[i].value.trim(); });
        act(set, "submit", { value: "" }, acknowledge);
      },
    });
    return el("div", { id: "acknowledge" }, [
      el("table", {}, [
        el("caption", { textContent: t.acknowledge }),
        el("thead", {}, [el("tr", {}, [t.warning, t.reason].map((h) => el("th", { scope: "col", textContent: h })))]),
        el("tbody", {}, warnings.map((w, i) => el("tr", {}, [el("td", {}, [el("label", { htmlFor: inputs[i].id, textContent: w.message })]), el("td", {}, [inputs[i]])]))),
      ]),
      submit,
    ]);
  };

  const act = async (set, action, comment, acknowledge) => {
    const name = set.plugin + "/" + set.region + "/" + set.year;
    if ((action === "return" || action === "reopen") && !comment.value.trim()) { say(t.needComment, true); comment.focus(); return; }
    const init = { method: "POST" };
    const body = {};
    if (comment && comment.value.trim()) body.comment = comment.value.trim();
    if (acknowledge) body.acknowledge = acknowledge;
    if (Object.keys(body).length > 0) Object.assign(init, { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const r = await api("/approvals/" + name + "/" + action, init);
    $("problems").replaceChildren();
    if (r.res.status !== 201) {
      say(errorOf(r), true);
      const error = r.body && r.body.error;
      if (error && error.code === "warnings-not-acknowledged" && Array.isArray(error.details)) {
        $("problems").append(acknowledgeForm(set, error.details));
        const first = $("reason-0");
        if (first) first.focus();
      }
      return;
    }
    await load(false);
    say(fill(t.done, { set: name, state: t[r.body.state] }));
  };

  const actionsOf = (set, index) => {
    const name = set.plugin + "/" + set.region + "/" + set.year;
    const cell = el("div", { className: "actions" });
    if (set.actions.includes("submit")) {
      cell.append(el("button", { type: "button", className: "secondary", textContent: t.template, onclick: () => download(set) }));
      const input = el("input", { type: "file", id: "file-" + index, accept: ".csv,.xlsx,text/csv," + XLSX });
      cell.append(el("label", { htmlFor: input.id }, [t.file, input]));
      cell.append(el("button", { type: "button", textContent: t.upload, onclick: () => upload(input) }));
      cell.append(el("button", { type: "button", textContent: t.submit, ariaLabel: t.submit + ": " + name, onclick: () => act(set, "submit", { value: "" }) }));
    }
    const review = set.actions.filter((a) => a !== "submit");
    if (review.length > 0) {
      const comment = el("input", { type: "text", id: "comment-" + index, size: 28 });
      cell.append(el("label", { htmlFor: comment.id }, [t.comment, comment]));
      for (const action of review) cell.append(el("button", { type: "button", textContent: t[action], ariaLabel: t[action] + ": " + name, onclick: () => act(set, action, comment) }));
    }
    if (cell.childElementCount === 0) cell.append(t.none);
    return cell;
  };

  const load = async (announce) => {
    if (!token()) { say(t.noToken, true); $("token").focus(); return; }
    if (announce) say(t.loading);
    const r = await api("/worklist?year=" + encodeURIComponent($("year").value));
    if (r.res.status !== 200) { say(errorOf(r), true); return; }
    const sets = r.body.dataSets;
    const rows = sets.map((set, i) =>
      el("tr", { id: "set-" + set.plugin + "-" + set.region }, [
        el("td", { textContent: set.pluginName[t.lang], title: set.plugin }),
        el("td", {}, [set.regionName[t.lang], el("div", { className: "help", textContent: set.region })]),
        el("td", {}, [set.filled + " / " + set.expected, set.missing.length > 0 ? el("div", { className: "help", title: set.missing.join(", "), textContent: t.missing + ": " + set.missingNames.map((m) => m.name[t.lang]).join(t.listSeparator) }) : ""]),
        el("td", {}, [el("span", { className: "state state-" + set.state, textContent: t[set.state] }), set.last && set.last.comment ? el("div", { className: "help", textContent: set.last.comment }) : ""]),
        el("td", {}, [actionsOf(set, i)]),
      ]),
    );
    $("worklist").replaceChildren(
      sets.length === 0
        ? el("p", { textContent: t.empty })
        : el("table", {}, [
            el("caption", { textContent: t.worklist + " · " + r.body.year }),
            el("thead", {}, [el("tr", {}, [t.plugin, t.region, t.filled, t.state, t.actions].map((h) => el("th", { scope: "col", textContent: h })))]),
            el("tbody", {}, rows),
          ]),
    );
    if (announce) say("");
  };

  $("token").value = token() || "";
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("token").value.trim();
    if (value) sessionStorage.setItem(KEY, value);
    $("problems").replaceChildren();
    load(true);
  });
  $("forget").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    $("token").value = "";
    $("worklist").replaceChildren();
    $("problems").replaceChildren();
    say("");
  });
  if (token()) load(true);
})();
`
