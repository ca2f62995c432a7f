// newsevents dashboard: plain JS, no dependencies. Every piece of data from the API is inserted
// with textContent or as an SVG attribute, never parsed as HTML, so article text cannot run code.
// The view state lives in the URL hash (#actor=IRN&type=CONSULT&event=<id>) so views can be shared.
"use strict";

(function () {
  const PAGE = 50;
  const FILTERS = ["actor", "partner", "type", "since", "until", "q"];
  const SVG_NS = "http://www.w3.org/2000/svg";
  let names = {};

  const $ = (id) => document.getElementById(id);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function nameOf(id) {
    return names[id] || id;
  }

  // --- URL hash state ------------------------------------------------------------------------

  function readState() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const state = {};
    for (const [k, v] of params) if (v) state[k] = v;
    return state;
  }

  function writeState(state) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) if (v !== undefined && v !== null && v !== "") params.set(k, v);
    const hash = params.toString();
    if (("#" + hash) === location.hash || (hash === "" && location.hash === "")) render();
    else location.hash = hash;
  }

  function update(changes) {
    writeState(Object.assign(readState(), changes));
  }

  // --- API -------------------------------------------------------------------------------------

  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") query.set(k, v);
    const qs = query.toString();
    const response = await fetch("api/" + path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail ? String(body.detail) : response.status + " " + response.statusText);
    return body;
  }

  function showError(err) {
    const box = $("error");
    box.textContent = err ? String(err.message || err) : "";
    box.hidden = !err;
  }

  // --- Summary, dyads, types ---------------------------------------------------------------------

  async function loadSummary() {
    const [stats, dyads, actors] = await Promise.all([api("stats"), api("top-dyads", { n: 15 }), api("actors", { limit: 1000 })]);
    const dl = $("stats");
    clear(dl);
    const range = stats.first_date ? stats.first_date + " – " + stats.last_date : "no dates";
    for (const [label, value] of [["articles", stats.articles], ["events", stats.events], ["actors", stats.actors], ["places", stats.places], ["dates", range]]) {
      const box = el("div");
      box.append(el("dt", label), el("dd", value));
      dl.append(box);
    }
    const list = $("actor-list");
    clear(list);
    for (const a of actors) {
      names[a.id] = a.name;
      const opt = el("option", a.name);
      opt.value = a.id;
      list.append(opt);
    }
    const body = $("dyads");
    clear(body);
    if (!dyads.length) body.append(emptyRow(4, "No dyads yet."));
    for (const d of dyads) {
      names[d.a] = d.a_name;
      names[d.b] = d.b_name;
      const tr = row([d.a_name + " – " + d.b_name, d.events, d.cooperation, d.conflict], [1, 2, 3]);
      tr.title = d.a + " – " + d.b;
      onActivate(tr, () => update({ actor: d.a, partner: d.b, offset: "", event: "" }));
      body.append(tr);
    }
  }

  async function loadTypes() {
    const types = await api("types");
    const select = document.querySelector("#filters select[name=type]");
    while (select.options.length > 1) select.remove(1);
    for (const t of types) {
      const opt = el("option", t.type);
      opt.value = t.type;
      select.append(opt);
    }
    drawTypes(types);
  }

  function drawTypes(types) {
    const box = $("types");
    clear(box);
    if (!types.length) return box.append(el("p", "No events yet.", "meta"));
    const rowH = 22, labelW = 120, width = 460, barW = width - labelW - 50;
    const max = Math.max(...types.map((t) => t.count));
    const chart = svg("svg", { viewBox: "0 0 " + width + " " + (types.length * rowH + 4), role: "img", "aria-label": "Event counts by type" });
    types.forEach((t, i) => {
      const y = i * rowH + 2;
      const label = svg("text", { x: labelW - 6, y: y + 15, "text-anchor": "end", class: "bar-label" }, t.type);
      label.addEventListener("click", () => update({ type: t.type, offset: "", event: "" }));
      const w = Math.max(1, Math.round((t.count / max) * barW));
      const bar = svg("rect", { x: labelW, y: y + 3, width: w, height: rowH - 6, class: "bar q" + (t.quad_class || 0) });
      bar.append(svg("title", {}, t.type + ": " + t.count));
      chart.append(label, bar, svg("text", { x: labelW + w + 4, y: y + 15, class: "label" }, t.count));
    });
    box.append(chart);
  }

  // --- Time series -------------------------------------------------------------------------------

  async function loadTimeseries(state) {
    const params = { freq: "month" };
    if (state.actor) params.actor = state.actor;
    const ts = await api("timeseries", params);
    $("ts-scope").textContent = state.actor ? "(" + nameOf(state.actor) + ")" : "(all actors)";
    drawTimeseries(ts.periods);
  }

  function drawTimeseries(periods) {
    const box = $("timeseries");
    clear(box);
    if (!periods.length) return box.append(el("p", "No dated events.", "meta"));
    const W = 560, H = 220, left = 36, right = 12, top = 12, bottom = 30;
    const max = Math.max(1, ...periods.map((p) => Math.max(p.cooperation, p.conflict)));
    const step = periods.length > 1 ? (W - left - right) / (periods.length - 1) : 0;
    const x = (i) => left + (periods.length > 1 ? i * step : (W - left - right) / 2);
    const y = (v) => top + (H - top - bottom) * (1 - v / max);
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Cooperation and conflict events per month" });
    chart.append(svg("line", { x1: left, y1: y(0), x2: W - right, y2: y(0), class: "axis" }));
    for (const v of [0, Math.round(max / 2), max]) {
      chart.append(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "label" }, v));
    }
    const every = Math.max(1, Math.ceil(periods.length / 8));
    periods.forEach((p, i) => {
      if (i % every === 0 || i === periods.length - 1) {
        chart.append(svg("text", { x: x(i), y: H - 10, "text-anchor": "middle", class: "label" }, p.period.slice(0, 7)));
      }
    });
    for (const [key, cls] of [["cooperation", "coop"], ["conflict", "conflict"]]) {
      const points = periods.map((p, i) => x(i).toFixed(1) + "," + y(p[key]).toFixed(1)).join(" ");
      chart.append(svg("polyline", { points: points, class: cls }));
      periods.forEach((p, i) => {
        const dot = svg("circle", { cx: x(i), cy: y(p[key]), r: 3, class: "dot-" + cls });
        dot.append(svg("title", {}, p.period.slice(0, 7) + " " + key + ": " + p[key]));
        chart.append(dot);
      });
    }
    const legend = el("p", null, "meta");
    legend.append(el("span", "— cooperation", "legend-coop"), document.createTextNode("  "), el("span", "— conflict", "legend-conflict"));
    box.append(chart, legend);
  }

  // --- Actor panel -----------------------------------------------------------------------------

  async function loadActor(state) {
    const panel = $("actor-panel");
    if (!state.actor) {
      panel.hidden = true;
      return;
    }
    const actor = await api("actors/" + encodeURIComponent(state.actor));
    names[actor.id] = actor.name;
    $("actor-title").textContent = actor.name + " (" + actor.id + ")";
    const meta = [actor.kind, actor.country, actor.sector, actor.roles.join(", "), actor.events + " events"];
    $("actor-meta").textContent = meta.filter(Boolean).join(" · ");
    const body = $("partners");
    clear(body);
    if (!actor.partners.length) body.append(emptyRow(4, "No partners."));
    for (const p of actor.partners) {
      names[p.id] = p.name;
      const tr = row([p.name + " (" + p.id + ")", p.events, p.cooperation, p.conflict], [1, 2, 3]);
      onActivate(tr, () => update({ partner: p.id, offset: "", event: "" }));
      body.append(tr);
    }
    panel.hidden = false;
  }

  // --- Events table ----------------------------------------------------------------------------

  function filterParams(state) {
    const params = {};
    for (const k of FILTERS) if (state[k]) params[k] = state[k];
    return params;
  }

  async function loadEvents(state) {
    const offset = Math.max(0, parseInt(state.offset || "0", 10) || 0);
    const params = Object.assign(filterParams(state), { limit: PAGE, offset: offset });
    const page = await api("events", params);
    Object.assign(names, page.names);
    const body = $("events");
    clear(body);
    if (!page.items.length) body.append(emptyRow(5, "No events match these filters."));
    for (const e of page.items) {
      const tr = row([e.date || "", e.type + (e.modality !== "asserted" ? " (" + e.modality + ")" : ""), e.source.map(nameOf).join(", "), e.target.map(nameOf).join(", "), e.evidence.text]);
      if (e.id === state.event) tr.classList.add("selected");
      onActivate(tr, () => update({ event: e.id }));
      body.append(tr);
    }
    const last = Math.min(offset + page.items.length, page.total);
    $("page-info").textContent = page.total ? (offset + 1) + "–" + last + " of " + page.total : "";
    $("prev").disabled = offset <= 0;
    $("next").disabled = last >= page.total;
    $("prev").onclick = () => update({ offset: String(Math.max(0, offset - PAGE)) || "", event: "" });
    $("next").onclick = () => update({ offset: String(offset + PAGE), event: "" });
    const csv = new URLSearchParams(Object.assign(filterParams(state), { format: "csv", limit: 10000 }));
    $("csv").href = "api/events?" + csv.toString();
  }

  function row(cells, numeric) {
    const tr = document.createElement("tr");
    tr.tabIndex = 0;
    cells.forEach((c, i) => tr.append(el("td", c, numeric && numeric.includes(i) ? "num" : "")));
    return tr;
  }

  function emptyRow(span, text) {
    const tr = document.createElement("tr");
    tr.className = "empty";
    const td = el("td", text);
    td.colSpan = span;
    tr.append(td);
    return tr;
  }

  function onActivate(node, fn) {
    node.addEventListener("click", fn);
    node.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        fn();
      }
    });
  }

  // --- Article with highlighted evidence ---------------------------------------------------------

  async function loadArticle(state) {
    const panel = $("article-panel");
    if (!state.event) {
      panel.hidden = true;
      return;
    }
    const detail = await api("events/" + encodeURIComponent(state.event));
    for (const a of detail.actors) names[a.id] = a.name;
    const ev = detail.event, art = detail.article;
    const title = $("article-title");
    clear(title);
    const safeUrl = art.url && /^https?:\/\//i.test(art.url) ? art.url : null;
    if (safeUrl) {
      const link = el("a", art.title || art.url);
      link.href = safeUrl;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      title.append(link);
    } else {
      title.textContent = art.title || art.source;
    }
    $("article-meta").textContent = [art.published, art.source].filter(Boolean).join(" · ");
    const who = ev.source.map(nameOf).join(", ") + " → " + (ev.target.map(nameOf).join(", ") || "—");
    const place = detail.place ? " · " + detail.place.name : "";
    $("event-summary").textContent = ev.type + (ev.mode ? "/" + ev.mode : "") + " · " + who + " · " + (ev.date || "undated") + place + " · " + ev.modality;
    renderHighlighted($("article-text"), detail.text, ev.evidence);
    panel.hidden = false;
    const mark = panel.querySelector("mark");
    (mark || panel).scrollIntoView({ behavior: "smooth", block: "center" });
  }

  // Offsets from the API count Unicode code points (Python); JS strings count UTF-16 units, so
  // slice by code points to stay right when the text holds emoji or other astral characters.
  function renderHighlighted(box, text, evidence) {
    clear(box);
    const chars = Array.from(text);
    let start = evidence.start, end = evidence.end;
    if (chars.slice(start, end).join("") !== evidence.text) {
      const at = text.indexOf(evidence.text);
      if (at < 0) {
        box.textContent = text;
        return;
      }
      start = Array.from(text.slice(0, at)).length;
      end = start + Array.from(evidence.text).length;
    }
    box.append(document.createTextNode(chars.slice(0, start).join("")));
    box.append(el("mark", chars.slice(start, end).join("")));
    box.append(document.createTextNode(chars.slice(end).join("")));
  }

  // --- Wiring ------------------------------------------------------------------------------------

  function fillForm(state) {
    const form = $("filters");
    for (const k of FILTERS) form.elements[k].value = state[k] || "";
  }

  async function render() {
    const state = readState();
    fillForm(state);
    showError(null);
    const jobs = [loadEvents(state), loadTimeseries(state), loadActor(state), loadArticle(state)];
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) showError(failed.reason);
  }

  function init() {
    const form = $("filters");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const state = {};
      for (const k of FILTERS) state[k] = form.elements[k].value.trim();
      writeState(state);
    });
    $("clear").addEventListener("click", () => writeState({}));
    $("close-article").addEventListener("click", () => update({ event: "" }));
    window.addEventListener("hashchange", render);
    Promise.allSettled([loadSummary(), loadTypes()]).then((results) => {
      const failed = results.find((r) => r.status === "rejected");
      if (failed) showError(failed.reason);
      return render();
    });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
