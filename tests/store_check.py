"""Store consistency checks shared by the crash and concurrency tests: orphans, and each
article's rows compared with those of an uninterrupted run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

# Rows that must point at something stored (a kill must never leave one behind).
ORPHANS = {
    "events without article": "SELECT count(*) FROM events e WHERE e.article_id NOT IN "
                              "(SELECT id FROM articles)",
    "event_actors without event": "SELECT count(*) FROM event_actors WHERE event_id NOT IN "
                                  "(SELECT id FROM events)",
    "event_actors without actor": "SELECT count(*) FROM event_actors WHERE actor_id NOT IN "
                                  "(SELECT id FROM actors)",
    "actor mentions without article": "SELECT count(*) FROM actor_mentions WHERE article_id "
                                      "NOT IN (SELECT id FROM articles)",
    "actor mentions without actor": "SELECT count(*) FROM actor_mentions WHERE actor_id NOT "
                                    "IN (SELECT id FROM actors)",
    "place mentions without article": "SELECT count(*) FROM place_mentions WHERE article_id "
                                      "NOT IN (SELECT id FROM articles)",
    "place mentions without place": "SELECT count(*) FROM place_mentions WHERE place_id NOT "
                                    "IN (SELECT id FROM places)",
    "clusters without event": "SELECT count(*) FROM event_clusters WHERE event_id NOT IN "
                              "(SELECT id FROM events)",
    "events without cluster": "SELECT count(*) FROM events WHERE id NOT IN "
                              "(SELECT event_id FROM event_clusters)",
    "dyad rows without event": "SELECT count(*) FROM event_dyads WHERE event_id NOT IN "
                               "(SELECT id FROM events)",
    "roles without article": "SELECT count(*) FROM actor_roles WHERE article_id NOT IN "
                             "(SELECT id FROM articles)",
}

# Per article: everything derived from it, as an uninterrupted run stores it.
_PER_ARTICLE = """
SELECT a.id, a.content_hash,
  (SELECT list(e.id ORDER BY e.id) FROM events e WHERE e.article_id = a.id),
  (SELECT count(*) FROM actor_mentions m WHERE m.article_id = a.id),
  (SELECT count(*) FROM place_mentions m WHERE m.article_id = a.id),
  (SELECT count(*) FROM event_actors x JOIN events e ON e.id = x.event_id
     WHERE e.article_id = a.id),
  (SELECT count(*) FROM event_clusters c JOIN events e ON e.id = c.event_id
     WHERE e.article_id = a.id),
  (SELECT count(*) FROM event_dyads d JOIN events e ON e.id = d.event_id
     WHERE e.article_id = a.id),
  (SELECT count(*) FROM actor_roles r WHERE r.article_id = a.id)
FROM articles a
"""


def open_store(db: Path) -> Any:
    return duckdb.connect(str(db), read_only=True)


def orphans(con: Any) -> dict[str, int]:
    found = {name: con.execute(sql).fetchone()[0] for name, sql in ORPHANS.items()}
    return {k: v for k, v in found.items() if v}


def per_article(con: Any) -> dict[str, tuple[Any, ...]]:
    return {r[0]: tuple(r[1:]) for r in con.execute(_PER_ARTICLE).fetchall()}


def has_schema(con: Any) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_name = 'event_dyads'").fetchone()[0])
