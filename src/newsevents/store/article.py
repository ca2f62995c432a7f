"""Reading one stored article back, shaped like the ``extract --format json`` contract."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any


def _mentions(rows: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, text, start, end in rows:
        out[key].append({"text": text, "start": start, "end": end})
    return out


def article_dict(cur: Any, article_id: str) -> dict[str, Any] | None:
    row = cur.execute(
        """SELECT id, source, url, title, published, published_basis, language, text, removed,
               notes, content_hash, ingested_at FROM articles WHERE id = ?""",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    removed = json.loads(row[8] or "[]")
    article = {
        "id": row[0], "source": row[1], "url": row[2], "title": row[3],
        "published": row[4].isoformat() if row[4] else None, "published_basis": row[5],
        "language": row[6], "text": row[7],
        "removed": [r["text"] for r in removed],
        "removed_reasons": [r["reason"] for r in removed],
        "notes": json.loads(row[9] or "[]"),
        "content_hash": row[10],
        "ingested_at": row[11].isoformat(timespec="seconds"),
    }
    actor_mentions = _mentions(cur.execute(
        'SELECT actor_id, text, start, "end" FROM actor_mentions WHERE article_id = ? '
        "ORDER BY start", [article_id]).fetchall())
    sides = cur.execute(
        """SELECT x.event_id, x.role, x.actor_id FROM event_actors x
           JOIN events e ON e.id = x.event_id WHERE e.article_id = ? ORDER BY x.pos""",
        [article_id],
    ).fetchall()
    actor_ids = set(actor_mentions) | {r[2] for r in sides}
    actors = [
        {"id": a[0], "name": a[1], "kind": a[2], "country": a[3], "sector": a[4],
         "roles": json.loads(a[5] or "[]"), "mentions": actor_mentions.get(a[0], [])}
        for a in cur.execute(
            "SELECT id, name, kind, country, sector, roles FROM actors "
            "WHERE list_contains(?, id) ORDER BY id", [sorted(actor_ids)]).fetchall()
    ]
    place_mentions = _mentions(cur.execute(
        'SELECT place_id, text, start, "end" FROM place_mentions WHERE article_id = ? '
        "ORDER BY start", [article_id]).fetchall())
    ev_rows = cur.execute(
        """SELECT id, type, mode, cameo, quad_class, goldstein, date, date_precision, date_basis,
               place_id, place_basis, modality, trigger_text, trigger_start, trigger_end,
               evidence_text, evidence_start, evidence_end, confidence
           FROM events WHERE article_id = ? ORDER BY evidence_start, id""",
        [article_id],
    ).fetchall()
    place_ids = set(place_mentions) | {e[9] for e in ev_rows if e[9]}
    places = [
        {"id": p[0], "name": p[1], "country": p[2], "lat": p[3], "lon": p[4],
         "geonameid": p[5], "feature": p[6], "mentions": place_mentions.get(p[0], [])}
        for p in cur.execute(
            "SELECT id, name, country, lat, lon, geonameid, feature FROM places "
            "WHERE list_contains(?, id) ORDER BY id", [sorted(place_ids)]).fetchall()
    ]
    side_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, role, actor_id in sides:
        side_of[(event_id, role)].append(actor_id)
    events = [
        {
            "id": e[0], "type": e[1], "mode": e[2], "cameo": e[3], "quad_class": e[4],
            "goldstein": e[5], "source": side_of[(e[0], "source")],
            "target": side_of[(e[0], "target")],
            "date": e[6].isoformat() if e[6] else None, "date_precision": e[7],
            "date_basis": e[8], "place": e[9], "place_basis": e[10], "modality": e[11],
            "trigger": {"text": e[12], "start": e[13], "end": e[14]},
            "evidence": {"text": e[15], "start": e[16], "end": e[17]},
            "confidence": e[18],
        }
        for e in ev_rows
    ]
    return {"article": article, "actors": actors, "places": places, "events": events}
