// World map: country outlines from Natural Earth (the world-atlas TopoJSON that `make assets`
// copies from the npm package into static/vendor/), shaded by the API's per-country counts,
// with the busiest places as dots. Equirectangular projection, drawn as plain SVG paths.
"use strict";

import { clear, el, onActivate, svg } from "./dom.js";

const W = 960, NORTH = 84, SOUTH = -58;
const H = ((NORTH - SOUTH) / 360) * W;
const project = (lon, lat) => [((lon + 180) / 360) * W, ((NORTH - lat) / 360) * W];
let outlines = null; // a promise of [{id, name, d}], loaded once

// TopoJSON stores shared, quantised, delta-encoded arcs; a ring lists arc indexes (~i: reversed).
function decodeArcs(topo) {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : [p[0], p[1]];
    });
  });
}

function ringPath(arcs, indexes) {
  let points = [];
  for (const i of indexes) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    arc.forEach((p, k) => { if (k > 0 || points.length === 0) points.push(p); });
  }
  // A ring that crosses the antimeridian (Chukotka, Fiji) is drawn whole east of it, past the
  // right edge (the SVG clips it), instead of as a band across the whole map.
  if (points.some((p) => p[0] > 170) && points.some((p) => p[0] < -170)) {
    points = points.map((p) => (p[0] < 0 ? [p[0] + 360, p[1]] : p));
  }
  return points.map((p, k) => {
    const [x, y] = project(p[0], Math.max(SOUTH, Math.min(NORTH, p[1])));
    return (k ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
  }).join("") + "Z";
}

function countryShapes(topo) {
  const arcs = decodeArcs(topo);
  const shapes = [];
  for (const g of topo.objects.countries.geometries) {
    if (g.id === "010") continue; // Antarctica: no events, and it would take a third of the map
    const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    const d = polygons.map((rings) => rings.map((r) => ringPath(arcs, r)).join("")).join("");
    shapes.push({ id: g.id === undefined ? null : String(g.id), name: (g.properties || {}).name || "", d: d });
  }
  return shapes;
}

function loadOutlines() {
  if (!outlines) {
    outlines = fetch("static/vendor/countries-110m.json")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
      .then(countryShapes)
      .catch(() => null);
  }
  return outlines;
}

// Blue for cooperation, red for conflict, mixed by the conflict share; stronger with more events.
function shade(c, max) {
  const share = c.events ? c.conflict / Math.max(1, c.cooperation + c.conflict) : 0;
  const mix = (a, b) => Math.round(a + (b - a) * share);
  const rgb = "rgb(" + mix(31, 215) + "," + mix(120, 48) + "," + mix(180, 31) + ")";
  const strength = 0.25 + 0.75 * (Math.log(1 + c.events) / Math.log(1 + max));
  return [rgb, strength.toFixed(2)];
}

export async function drawMap(box, data, handlers) {
  const shapes = await loadOutlines();
  clear(box);
  const byNumeric = new Map(data.countries.filter((c) => c.numeric).map((c) => [String(Number(c.numeric)), c]));
  const max = Math.max(1, ...data.countries.map((c) => c.events));
  const chart = svg("svg", { viewBox: "0 0 " + W + " " + H.toFixed(0), role: "img", "aria-label": "World map of events", class: "worldmap" });
  chart.append(svg("rect", { x: 0, y: 0, width: W, height: H.toFixed(0), class: "sea" }));
  for (const s of shapes || []) {
    const c = s.id !== null ? byNumeric.get(String(Number(s.id))) : undefined;
    const path = svg("path", { d: s.d, class: c ? "country has-events" : "country" });
    if (c) {
      const [fill, opacity] = shade(c, max);
      path.setAttribute("fill", fill);
      path.setAttribute("fill-opacity", opacity);
      path.setAttribute("tabindex", "0");
      path.setAttribute("data-country", c.country);
      path.append(svg("title", {}, c.name + ": " + c.events + " events (" + c.cooperation + " cooperation, " + c.conflict + " conflict)"));
      onActivate(path, () => handlers.onCountry(c.country));
    } else {
      path.append(svg("title", {}, s.name));
    }
    chart.append(path);
  }
  const maxPlace = Math.max(1, ...data.places.map((p) => p.events));
  for (const p of data.places.slice().reverse()) {
    const [x, y] = project(p.lon, Math.max(SOUTH, Math.min(NORTH, p.lat)));
    const dot = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (2.5 + 9 * Math.sqrt(p.events / maxPlace)).toFixed(1), class: "place", tabindex: 0 });
    dot.append(svg("title", {}, p.name + ": " + p.events + " events"));
    onActivate(dot, () => handlers.onPlace(p.id));
    chart.append(dot);
  }
  box.append(chart);
  const note = el("p", null, "meta");
  const where = data.by === "actor" ? "Countries of the actors in the events" : "Where the events happened";
  note.textContent = where + "; dots are places. " + data.unplaced + " matching events have no " + (data.by === "actor" ? "country" : "place") + ". Click a country for its page.";
  if (!shapes) note.textContent += " Country outlines are missing: run `make assets`.";
  box.append(note);
}
