"""PLOVER JSON lines: one record per event (or cluster) in the field names of the PLOVER
gold-standard records (``event``, ``mode``, ``source``/``target`` as ``{actorText, code,
sector}``, ``eventText``, ``text``, ``eventLoc``), plus CAMEO, scores and provenance."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsevents.export.records import records_sql

PLOVER_VERSION = "PLOVER 2023 (POLECAT types), coded by newsevents"
_BATCH = 10_000


def _actor(a: dict[str, Any]) -> dict[str, Any]:
    code = a.get("country")
    if a.get("kind") == "igo":
        code = "IGO" + str(a["id"]).split(":", 1)[-1].upper()
    return {"actorText": a.get("name"), "code": code, "sector": a.get("sector"),
            "id": a.get("id")}


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date | datetime) else v


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One export row (see :func:`records_sql`) as a PLOVER record."""
    loc = None
    if row.get("place_name") is not None:
        loc = {"placeName": row["place_name"], "country": row["place_country"],
               "lat": row["lat"], "lon": row["lon"], "geonameid": row["geonameid"],
               "featureClass": row["feature"]}
    return {
        "id": row["id"],
        "date": _iso(row["day"]),
        "event": row["type"],
        "mode": row["mode"],
        "context": [],
        "source": [_actor(a) for a in row["source"] or []],
        "target": [_actor(a) for a in row["target"] or []],
        "eventText": row["trigger_text"],
        "text": row["evidence_text"],
        "eventLoc": loc,
        "modality": row["modality"],
        "cameo": row["cameo"],
        "quadClass": row["quad_class"],
        "goldstein": row["goldstein"],
        "confidence": row["confidence"],
        "numEvents": row["events"],
        "numArticles": row["articles"],
        "numSources": row["sources"],
        "publication": row["outlet"],
        "url": row["url"],
        "language": row["language"],
        "eventId": row["event_id"],
        "version": PLOVER_VERSION,
    }


def write_plover(con: Any, out: Path, unit: str = "clusters") -> int:
    """Write PLOVER records as JSON lines to ``out``; returns records written."""
    cur = con.execute(records_sql(unit))
    cols = [d[0] for d in cur.description]
    n = 0
    with out.open("w", encoding="utf-8") as f:
        while rows := cur.fetchmany(_BATCH):
            for r in rows:
                f.write(json.dumps(plover_record(dict(zip(cols, r, strict=True))),
                                   ensure_ascii=False) + "\n")
                n += 1
    return n
