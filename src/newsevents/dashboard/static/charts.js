// Time series of cooperation and conflict, and event counts by type: plain SVG drawn from the
// API's server-side aggregates (one point per period, one bar per type).
"use strict";

import { clear, el, emptyNote, onActivate, svg } from "./dom.js";

const WINDOW_MONTHS = 24;

export function drawTimeseries(box, all, onPeriod, windowed) {
  clear(box);
  if (!all.length) return emptyNote(box, "No dated events match.");
  // A few old dates (an article recalling 2006) would squeeze the recent months into a corner:
  // without a Since filter, draw the last two years of data and say what is left out.
  let periods = all;
  let hidden = 0;
  if (windowed) {
    const last = new Date(all[all.length - 1].period + "T00:00:00Z");
    last.setUTCMonth(last.getUTCMonth() - WINDOW_MONTHS);
    const from = last.toISOString().slice(0, 10);
    periods = all.filter((p) => p.period >= from);
    hidden = all.filter((p) => p.period < from).reduce((n, p) => n + p.total, 0);
  }
  const W = 560, H = 220, left = 40, right = 12, top = 12, bottom = 30;
  const max = Math.max(1, ...periods.map((p) => Math.max(p.cooperation, p.conflict)));
  const span = W - left - right;
  // x follows time, not the index: a gap of years between periods shows as a gap.
  const t = periods.map((p) => Date.parse(p.period + "T00:00:00Z"));
  const t0 = t[0], t1 = t[t.length - 1];
  const x = (i) => left + (t1 > t0 ? ((t[i] - t0) / (t1 - t0)) * span : span / 2);
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Cooperation and conflict events per period" });
  chart.append(svg("line", { x1: left, y1: y(0), x2: W - right, y2: y(0), class: "axis" }));
  for (const v of [0, Math.round(max / 2), max]) {
    chart.append(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "label" }, v));
  }
  let lastLabel = -Infinity;
  periods.forEach((p, i) => {
    if (x(i) - lastLabel >= 70) {
      lastLabel = x(i);
      chart.append(svg("text", { x: x(i), y: H - 10, "text-anchor": i ? "middle" : "start", class: "label" }, p.period.slice(0, 7)));
    }
  });
  for (const [key, cls] of [["cooperation", "coop"], ["conflict", "conflict"]]) {
    const points = periods.map((p, i) => x(i).toFixed(1) + "," + y(p[key]).toFixed(1)).join(" ");
    chart.append(svg("polyline", { points: points, class: cls }));
    periods.forEach((p, i) => {
      const dot = svg("circle", { cx: x(i), cy: y(p[key]), r: 3.5, class: "dot dot-" + cls, tabindex: 0 });
      dot.append(svg("title", {}, p.period + " " + key + ": " + p[key] + " (click: events of this period)"));
      onActivate(dot, () => onPeriod(p.period));
      chart.append(dot);
    });
  }
  const legend = el("p", null, "meta");
  legend.append(el("span", "— cooperation", "legend-coop"), document.createTextNode("  "), el("span", "— conflict", "legend-conflict"), document.createTextNode("  (asserted and reported events per month; click a point for its events)"));
  box.append(chart, legend);
  if (hidden) box.append(el("p", hidden + " earlier events are not drawn (the last " + WINDOW_MONTHS + " months are shown): set Since to see them.", "meta"));
}

export function drawTypes(box, types, onType) {
  clear(box);
  if (!types.length) return emptyNote(box, "No events match.");
  const rowH = 22, labelW = 110, width = 460, barW = width - labelW - 60;
  const max = Math.max(...types.map((t) => t.count));
  const chart = svg("svg", { viewBox: "0 0 " + width + " " + (types.length * rowH + 4), role: "img", "aria-label": "Event counts by type" });
  types.forEach((t, i) => {
    const y = i * rowH + 2;
    const g = svg("g", { class: "bar-row", tabindex: 0 });
    g.append(svg("text", { x: labelW - 6, y: y + 15, "text-anchor": "end", class: "bar-label" }, t.type));
    const w = Math.max(1, Math.round((t.count / max) * barW));
    const bar = svg("rect", { x: labelW, y: y + 3, width: w, height: rowH - 6, class: "bar q" + (t.quad_class || 0) });
    bar.append(svg("title", {}, t.type + ": " + t.count));
    g.append(bar, svg("text", { x: labelW + w + 4, y: y + 15, class: "label" }, t.count));
    onActivate(g, () => onType(t.type));
    chart.append(g);
  });
  box.append(chart);
}
