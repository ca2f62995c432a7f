"""An offline API reference page rendered on the server from the OpenAPI schema.

FastAPI's Swagger UI loads scripts from a CDN and runs an inline script; newsevents works offline
under a strict CSP, so ``/docs`` is plain escaped HTML instead (``/openapi.json`` is unchanged).
"""

from __future__ import annotations

from html import escape
from typing import Any


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list[{_type(schema.get('items', {}))}]"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    return str(schema.get("type", "any"))


def _operation(path: str, method: str, op: dict[str, Any]) -> list[str]:
    out = [f'<section class="panel"><h2>{escape(method.upper())} <code>{escape(path)}</code></h2>']
    if op.get("summary"):
        out.append(f"<p><strong>{escape(op['summary'])}</strong></p>")
    if op.get("description"):
        out.append(f'<p class="text">{escape(op["description"])}</p>')
    params = op.get("parameters", [])
    if params:
        out.append('<table class="data"><thead><tr><th>Parameter</th><th>In</th><th>Type</th>'
                   "<th>Default</th><th>Description</th></tr></thead><tbody>")
        for p in params:
            schema = p.get("schema", {})
            default = schema.get("default")
            out.append(
                f"<tr><td><code>{escape(p['name'])}</code>{' *' if p.get('required') else ''}</td>"
                f"<td>{escape(p.get('in', ''))}</td><td>{escape(_type(schema))}</td>"
                f"<td>{escape('' if default is None else repr(default))}</td>"
                f"<td>{escape(p.get('description') or schema.get('description') or '')}</td></tr>"
            )
        out.append("</tbody></table>")
    responses = op.get("responses", {})
    codes = ", ".join(
        f"{code} {resp.get('description', '')}" for code, resp in sorted(responses.items())
    )
    ok = responses.get("200", {}).get("content", {}).get("application/json", {}).get("schema")
    if ok:
        codes = f"200 → {_type(ok)}; " + codes
    out.append(f'<p class="meta">Responses: {escape(codes)}</p></section>')
    return out


def reference_html(schema: dict[str, Any]) -> str:
    """The whole reference page; every string from the schema is escaped."""
    info = schema.get("info", {})
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(info.get('title', 'API'))} API reference</title>",
        '<link rel="stylesheet" href="static/style.css"></head><body>',
        f"<header><h1><a href=\"./\">{escape(info.get('title', ''))}</a> API reference</h1>",
        f'<p class="tagline">{escape(info.get("description", ""))} '
        'Machine-readable schema: <a href="openapi.json">openapi.json</a>.</p></header><main>',
    ]
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            parts.extend(_operation(path, method, op))
    models = schema.get("components", {}).get("schemas", {})
    for name, model in sorted(models.items()):
        parts.append(f'<section class="panel"><h2>{escape(name)}</h2><table class="data"><tbody>')
        for field, spec in model.get("properties", {}).items():
            parts.append(
                f"<tr><td><code>{escape(field)}</code></td><td>{escape(_type(spec))}</td>"
                f"<td>{escape(spec.get('description', ''))}</td></tr>"
            )
        parts.append("</tbody></table></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)
