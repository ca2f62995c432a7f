// Actor network: who acts on whom, from the API's aggregated edges, laid out by a small
// Fruchterman-Reingold force simulation (deterministic start, so the same data draws the same).
"use strict";

import { clear, el, emptyNote, onActivate, svg } from "./dom.js";

const W = 560, H = 420, PAD = 40;

function layout(nodes, edges) {
  // Fruchterman-Reingold in a bounded frame: repulsion k²/d between all nodes, attraction d²/k
  // along edges, a little gravity so separate components stay close, and a cooling step size.
  const n = nodes.length;
  const fw = W - 2 * PAD, fh = H - 2 * PAD;
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / n;
    return { x: (Math.cos(a) * fw) / 3, y: (Math.sin(a) * fh) / 3 };
  });
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]);
  const k = 0.8 * Math.sqrt((fw * fh) / Math.max(1, n));
  const rounds = 400;
  for (let it = 0; it < rounds; it++) {
    const temp = (fw / 8) * (1 - it / rounds) + 0.5;
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.5, Math.hypot(dx, dy));
        const f = (k * k) / d / d;
        disp[i].x += dx * f; disp[i].y += dy * f; disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(0.5, Math.hypot(dx, dy));
      const f = d / k;
      disp[a].x -= dx * f; disp[a].y -= dy * f; disp[b].x += dx * f; disp[b].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x -= pos[i].x * 0.3;
      disp[i].y -= pos[i].y * 0.3;
      const d = Math.max(1e-9, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x = Math.max(-fw / 2, Math.min(fw / 2, pos[i].x + (disp[i].x / d) * Math.min(d, temp)));
      pos[i].y = Math.max(-fh / 2, Math.min(fh / 2, pos[i].y + (disp[i].y / d) * Math.min(d, temp)));
    }
  }
  return pos.map((p) => ({ x: W / 2 + p.x, y: H / 2 + p.y }));
}

export function drawNetwork(box, net, handlers) {
  clear(box);
  if (!net.edges.length) return emptyNote(box, "No pairs of actors match.");
  const pos = layout(net.nodes, net.edges);
  const at = new Map(net.nodes.map((d, i) => [d.id, pos[i]]));
  const maxEdge = Math.max(...net.edges.map((e) => e.events));
  const maxNode = Math.max(...net.nodes.map((d) => d.events));
  const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Network of actors", class: "network" });
  const defs = svg("defs");
  for (const cls of ["coop", "conflict"]) {
    const marker = svg("marker", { id: "arrow-" + cls, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M0,0L10,5L0,10Z", class: "arrow-" + cls }));
    defs.append(marker);
  }
  chart.append(defs);
  const radius = (d) => 5 + 12 * Math.sqrt(d.events / maxNode);
  const rOf = new Map(net.nodes.map((d) => [d.id, radius(d)]));
  for (const e of net.edges) {
    const a = at.get(e.source), b = at.get(e.target);
    const cls = e.conflict > e.cooperation ? "conflict" : "coop";
    const d = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
    const r = rOf.get(e.target) + 2;
    const line = svg("line", {
      x1: a.x.toFixed(1), y1: a.y.toFixed(1),
      x2: (b.x - ((b.x - a.x) / d) * r).toFixed(1), y2: (b.y - ((b.y - a.y) / d) * r).toFixed(1),
      class: "edge edge-" + cls, "stroke-width": (1 + 5 * Math.log(1 + e.events) / Math.log(1 + maxEdge)).toFixed(1),
      "marker-end": "url(#arrow-" + cls + ")", tabindex: 0,
    });
    line.append(svg("title", {}, e.source + " → " + e.target + ": " + e.events + " events (" + e.cooperation + " cooperation, " + e.conflict + " conflict; mean Goldstein " + e.goldstein + ")"));
    onActivate(line, () => handlers.onEdge(e.source, e.target));
    chart.append(line);
  }
  net.nodes.forEach((d, i) => {
    const g = svg("g", { class: "node node-" + d.kind, tabindex: 0, "data-id": d.id });
    g.append(svg("circle", { cx: pos[i].x.toFixed(1), cy: pos[i].y.toFixed(1), r: rOf.get(d.id).toFixed(1) }));
    g.append(svg("text", { x: pos[i].x.toFixed(1), y: (pos[i].y - rOf.get(d.id) - 3).toFixed(1), "text-anchor": "middle", class: "node-label" }, d.name));
    g.append(svg("title", {}, d.name + " (" + d.id + "): " + d.events + " events"));
    onActivate(g, () => handlers.onNode(d.id));
    chart.append(g);
  });
  box.append(chart);
  box.append(el("p", "Arrows go from source to target; blue mostly cooperation, red mostly conflict. Click an actor for its page, an arrow for the pair.", "meta"));
}
