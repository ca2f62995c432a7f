// Small DOM helpers shared by the dashboard modules. Data from the API only ever reaches the page
// through textContent, createTextNode or SVG attributes set here: nothing is parsed as HTML.
"use strict";

export const SVG_NS = "http://www.w3.org/2000/svg";

export const $ = (id) => document.getElementById(id);

export function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

export function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// A link inside the dashboard: ids are percent-encoded, so an id cannot leave the hash route.
export function link(text, hash, cls) {
  const a = el("a", text, cls);
  a.href = hash;
  return a;
}

export function onActivate(node, fn) {
  node.addEventListener("click", fn);
  node.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      fn(ev);
    }
  });
}

export function emptyNote(box, text) {
  box.append(el("p", text, "meta empty-note"));
}

export const fmt = (n) => Number(n).toLocaleString("en");
