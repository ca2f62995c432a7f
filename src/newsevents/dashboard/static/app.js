// newsevents dashboard: plain JS modules, no dependencies. Every piece of data from the API is
// inserted with textContent or as an SVG attribute, never parsed as HTML, so article text cannot
// run code (and the server's Content-Security-Policy forbids inline script besides).
// Each view is a shareable URL: #/ (overview), #/actor/IRN, #/dyad/IRN/RUS, with the filters and
// the open event in the query part: #/actor/IRN?type=CONSULT&event=<id>.
"use strict";

import { drawTimeseries, drawTypes } from "./charts.js";
import { $, clear, el, emptyNote, fmt, link, onActivate } from "./dom.js";
import { drawMap } from "./map.js";
import { drawNetwork } from "./network.js";

const PAGE = 25;
const FILTERS = ["actor", "partner", "source", "target", "type", "quad", "modality", "since", "until", "place", "text"];
const names = {};
let shown = { key: null, cursor: null }; // what the panels show now, to redraw only what changed
let pages = []; // cursors of the pages before this one (Previous), for the current filters

const nameOf = (id) => names[id] || id;

// --- routes ----------------------------------------------------------------------------------

function readRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?", 2);
  const parts = (path || "").split("/").filter(Boolean).map(decodeURIComponent);
  const params = {};
  for (const [k, v] of new URLSearchParams(query || "")) if (v) params[k] = v;
  const filters = {};
  for (const k of FILTERS) if (params[k]) filters[k] = params[k];
  let view = "overview";
  if (parts[0] === "actor" && parts[1]) {
    view = "actor";
    filters.actor = parts[1];
  } else if (parts[0] === "dyad" && parts[1] && parts[2]) {
    view = "dyad";
    filters.actor = parts[1];
    filters.partner = parts[2];
  }
  return { view, filters, event: params.event || "", cursor: params.cursor || "" };
}

function hashFor(filters, extra) {
  const f = Object.assign({}, filters);
  let path = "#/";
  if (f.actor && f.partner) {
    path += "dyad/" + encodeURIComponent(f.actor) + "/" + encodeURIComponent(f.partner);
    delete f.actor;
    delete f.partner;
  } else if (f.actor) {
    path += "actor/" + encodeURIComponent(f.actor);
    delete f.actor;
  }
  const q = new URLSearchParams();
  for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
  for (const [k, v] of Object.entries(extra || {})) if (v) q.set(k, v);
  const qs = q.toString();
  return path + (qs ? "?" + qs : "");
}

function go(filters, extra) {
  const target = hashFor(filters, extra);
  if (target === location.hash) render();
  else location.hash = target;
}

// Change some filters, keep the others; the open event and the page are dropped.
function refine(changes) {
  const f = Object.assign({}, readRoute().filters, changes);
  for (const k of Object.keys(f)) if (!f[k]) delete f[k];
  go(f);
}

const actorHash = (id) => hashFor({ actor: id });
const dyadHash = (a, b) => hashFor({ actor: a, partner: b });

// --- API -------------------------------------------------------------------------------------

function apiParams(filters) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (!v) continue;
    if (k === "quad") for (const c of String(v).split(",")) q.append("quad_class", c);
    else q.set(k, v);
  }
  return q;
}

async function api(path, filters, extra) {
  const q = apiParams(Object.assign({}, filters, extra));
  const qs = q.toString();
  const response = await fetch("api/" + path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : response.status + " " + response.statusText;
    throw new Error(detail);
  }
  return body;
}

function showError(err) {
  const box = $("error");
  box.textContent = err ? String(err.message || err) : "";
  box.hidden = !err;
}

// --- header: stats and actor list -------------------------------------------------------------

async function loadSummary() {
  const [stats, actors, types] = await Promise.all([api("stats"), api("actors", {}, { limit: 500 }), api("types")]);
  const dl = $("stats");
  clear(dl);
  const range = stats.first_date ? stats.first_date + " – " + stats.last_date : "no dates";
  for (const [label, value] of [["articles", fmt(stats.articles)], ["events", fmt(stats.events)], ["actors", fmt(stats.actors)], ["dates", range]]) {
    const box = el("div");
    box.append(el("dt", label), el("dd", value));
    dl.append(box);
  }
  const list = $("actor-list");
  clear(list);
  for (const a of actors) {
    names[a.id] = a.name;
    const opt = el("option", a.name + " (" + a.events + ")");
    opt.value = a.id;
    list.append(opt);
  }
  const select = document.querySelector("#filters select[name=type]");
  for (const t of types) {
    const opt = el("option", t.type);
    opt.value = t.type;
    select.append(opt);
  }
}

// --- the page heading: overview, actor or dyad ---------------------------------------------------

function table(headers, numeric) {
  const t = el("table", null, "data");
  const tr = el("tr");
  headers.forEach((h, i) => tr.append(el("th", h, numeric.includes(i) ? "num" : "")));
  const thead = el("thead");
  thead.append(tr);
  const body = el("tbody");
  t.append(thead, body);
  return [t, body];
}

function pairRow(body, label, hash, counts) {
  const tr = el("tr");
  const cell = el("td");
  cell.append(link(label, hash));
  tr.append(cell);
  for (const c of counts) tr.append(el("td", fmt(c), "num"));
  body.append(tr);
}

async function loadHead(route) {
  const head = $("page-head");
  const f = route.filters;
  if (route.view === "actor") {
    const a = await api("actors/" + encodeURIComponent(f.actor));
    names[a.id] = a.name;
    clear(head);
    head.append(el("p", "Actor", "kicker"), el("h2", a.name + " (" + a.id + ")"));
    const meta = [a.kind, a.country && a.country !== a.id ? "country " + a.country : "", a.sector, a.roles.join(", "), fmt(a.events) + " events"];
    head.append(el("p", meta.filter(Boolean).join(" · "), "meta"));
    head.append(el("h3", "Who " + a.name + " deals with (asserted and reported events; click for the pair)"));
    const [t, body] = table(["Partner", "Events", "Cooperation", "Conflict"], [1, 2, 3]);
    body.id = "partners";
    for (const p of a.partners.slice(0, 12)) {
      names[p.id] = p.name;
      pairRow(body, p.name + " (" + p.id + ")", dyadHash(f.actor, p.id), [p.events, p.cooperation, p.conflict]);
    }
    if (!a.partners.length) emptyNote(head, "No partners in factual events.");
    head.append(t);
  } else if (route.view === "dyad") {
    const d = await api("dyads/" + encodeURIComponent(f.actor) + "/" + encodeURIComponent(f.partner));
    names[d.a] = d.a_name;
    names[d.b] = d.b_name;
    clear(head);
    const h = el("h2");
    h.append(link(d.a_name, actorHash(d.a)), document.createTextNode(" – "), link(d.b_name, actorHash(d.b)));
    const total = d.types.reduce((n, t) => n + t.count, 0);
    const coop = d.periods.reduce((n, p) => n + p.cooperation, 0);
    const conflict = d.periods.reduce((n, p) => n + p.conflict, 0);
    head.append(el("p", "Pair of actors, either direction", "kicker"), h,
      el("p", fmt(total) + " events between them: " + fmt(coop) + " cooperation and " + fmt(conflict) + " conflict actually reported; most common: " + d.types.slice(0, 4).map((t) => t.type + " " + t.count).join(", "), "meta"));
  } else {
    const dyads = await api("top-dyads", {}, { n: 10 });
    clear(head);
    head.append(el("h2", "Who deals most with whom"));
    const [t, body] = table(["Pair (click for its page)", "Events", "Cooperation", "Conflict"], [1, 2, 3]);
    body.id = "dyads";
    for (const d of dyads) {
      names[d.a] = d.a_name;
      names[d.b] = d.b_name;
      pairRow(body, d.a_name + " – " + d.b_name, dyadHash(d.a, d.b), [d.events, d.cooperation, d.conflict]);
    }
    if (!dyads.length) emptyNote(head, "No events yet: ingest some articles.");
    head.append(t);
  }
}

// --- aggregate panels --------------------------------------------------------------------------

async function loadAggregates(route) {
  const f = route.filters;
  const [ts, map, net, types] = await Promise.all([
    api("timeseries", f, { freq: "month" }), api("map", f), api("network", f, { n: 40 }), api("types", f),
  ]);
  drawTimeseries($("timeseries"), ts.periods, (period) => {
    const end = new Date(period + "T00:00:00Z");
    end.setUTCMonth(end.getUTCMonth() + 1);
    end.setUTCDate(0);
    refine({ since: period, until: end.toISOString().slice(0, 10) });
  }, !f.since);
  for (const n of net.nodes) names[n.id] = n.name;
  drawNetwork($("network"), net, {
    onNode: (id) => go({ actor: id }),
    onEdge: (a, b) => go({ actor: a, partner: b }),
  });
  drawTypes($("types"), types, (type) => refine({ type: type }));
  await drawMap($("map"), map, {
    onCountry: (code) => go({ actor: code }),
    onPlace: (id) => refine({ place: id }),
  });
}

// --- events table -----------------------------------------------------------------------------

function actorCell(ids) {
  const td = el("td");
  ids.forEach((id, i) => {
    if (i) td.append(document.createTextNode(", "));
    const a = link(nameOf(id), actorHash(id));
    a.addEventListener("click", (ev) => ev.stopPropagation());
    td.append(a);
  });
  return td;
}

async function loadEvents(route) {
  const page = await api("events", route.filters, { limit: PAGE, cursor: route.cursor });
  Object.assign(names, page.names);
  const body = $("events");
  clear(body);
  if (!page.items.length) {
    const tr = el("tr", null, "empty");
    const td = el("td", "No events match these filters.");
    td.colSpan = 5;
    tr.append(td);
    body.append(tr);
  }
  for (const e of page.items) {
    const tr = el("tr");
    tr.tabIndex = 0;
    tr.dataset.event = e.id;
    const type = e.type + (e.modality !== "asserted" ? " (" + e.modality + ")" : "");
    tr.append(el("td", e.day || ""), el("td", type, "type q" + (e.quad_class || 0)), actorCell(e.source), actorCell(e.target), el("td", e.evidence.text, "evidence"));
    if (e.id === route.event) tr.classList.add("selected");
    onActivate(tr, () => go(route.filters, { cursor: route.cursor, event: e.id }));
    body.append(tr);
  }
  const first = pages.length * PAGE;
  $("page-info").textContent = page.total ? (fmt(first + 1) + "–" + fmt(first + page.items.length) + " of " + fmt(page.total)) : "";
  $("prev").disabled = !route.cursor;
  $("next").disabled = !page.next_cursor;
  $("prev").onclick = () => {
    const before = pages.pop() || "";
    go(route.filters, { cursor: before });
  };
  $("next").onclick = () => {
    pages.push(route.cursor);
    go(route.filters, { cursor: page.next_cursor });
  };
  const csv = apiParams(Object.assign({}, route.filters, { format: "csv", limit: 10000 }));
  $("csv").href = "api/events?" + csv.toString();
}

// --- the article of an event, with its evidence highlighted ------------------------------------

// Offsets from the API count Unicode code points (Python); JS strings count UTF-16 units, so
// slice by code points to stay right when the text holds emoji or other astral characters.
function locate(chars, text, span) {
  if (!span) return null;
  if (chars.slice(span.start, span.end).join("") === span.text) return [span.start, span.end];
  const at = text.indexOf(span.text);
  if (at < 0 || !span.text) return null;
  const start = Array.from(text.slice(0, at)).length;
  return [start, start + Array.from(span.text).length];
}

function renderHighlighted(box, text, evidence, trigger) {
  clear(box);
  const chars = Array.from(text);
  const ev = locate(chars, text, evidence);
  if (!ev) {
    box.textContent = text;
    return;
  }
  const mark = el("mark");
  mark.id = "evidence";
  const tr = locate(chars, text, trigger);
  if (tr && tr[0] >= ev[0] && tr[1] <= ev[1]) {
    mark.append(document.createTextNode(chars.slice(ev[0], tr[0]).join("")), el("strong", chars.slice(tr[0], tr[1]).join("")), document.createTextNode(chars.slice(tr[1], ev[1]).join("")));
  } else {
    mark.textContent = chars.slice(ev[0], ev[1]).join("");
  }
  box.append(document.createTextNode(chars.slice(0, ev[0]).join("")), mark, document.createTextNode(chars.slice(ev[1]).join("")));
}

async function loadArticle(route) {
  const panel = $("article-panel");
  if (!route.event) {
    panel.hidden = true;
    return;
  }
  const detail = await api("events/" + encodeURIComponent(route.event));
  for (const a of detail.actors) names[a.id] = a.name;
  const ev = detail.event, art = detail.article;
  const title = $("article-title");
  clear(title);
  const safeUrl = art.url && /^https?:\/\//i.test(art.url) ? art.url : null;
  if (safeUrl) {
    const a = el("a", art.title || art.url);
    a.href = safeUrl;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    title.append(a);
  } else {
    title.textContent = art.title || art.source;
  }
  $("article-meta").textContent = [art.published, art.source].filter(Boolean).join(" · ");
  const summary = $("event-summary");
  clear(summary);
  summary.append(el("span", ev.type + (ev.mode ? "/" + ev.mode : ""), "type q" + (ev.quad_class || 0)), document.createTextNode(" "));
  const side = (ids) => ids.forEach((id, i) => { if (i) summary.append(document.createTextNode(", ")); summary.append(link(nameOf(id), actorHash(id))); });
  side(ev.source);
  summary.append(document.createTextNode(" → "));
  if (ev.target.length) side(ev.target); else summary.append(document.createTextNode("—"));
  const facts = [ev.date || (ev.day ? ev.day + " (publication)" : "undated"), detail.place ? detail.place.name : "", ev.modality, "CAMEO " + (ev.cameo || "—"), "Goldstein " + (ev.goldstein ?? "—")];
  summary.append(el("span", " · " + facts.filter(Boolean).join(" · "), "meta"));
  renderHighlighted($("article-text"), detail.text, ev.evidence, ev.trigger);
  panel.hidden = false;
  const mark = $("evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}

// --- wiring ------------------------------------------------------------------------------------

function fillForm(route) {
  const form = $("filters");
  for (const k of FILTERS) form.elements[k].value = route.filters[k] || "";
}

async function render() {
  document.body.dataset.ready = "0";
  const route = readRoute();
  const key = JSON.stringify([route.view, route.filters]);
  const jobs = [loadArticle(route)];
  if (key !== shown.key) {
    pages = [];
    fillForm(route);
    document.body.dataset.view = route.view;
    jobs.push(loadHead(route), loadAggregates(route), loadEvents(route));
  } else if (route.cursor !== shown.cursor) {
    jobs.push(loadEvents(route));
  } else {
    for (const tr of $("events").rows) tr.classList.toggle("selected", tr.dataset.event === route.event);
  }
  shown = { key: key, cursor: route.cursor };
  showError(null);
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(failed.reason);
  document.body.dataset.ready = "1";
}

function init() {
  const form = $("filters");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = {};
    for (const k of FILTERS) {
      const v = form.elements[k].value.trim();
      if (v) f[k] = v;
    }
    go(f);
  });
  $("clear").addEventListener("click", () => go({}));
  $("close-article").addEventListener("click", () => {
    const route = readRoute();
    go(route.filters, { cursor: route.cursor });
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !$("article-panel").hidden) $("close-article").click();
  });
  window.addEventListener("hashchange", render);
  loadSummary().catch(showError).then(render);
}

document.addEventListener("DOMContentLoaded", init);
