"""Everything the store writes for one article, computed without the store (pure, no I/O).

:func:`prepare` turns a processed Document into a :class:`Prepared` record: the table rows,
the near-duplicate signature and the clustering keys and dyad rows of its events. Ingest
workers call it next to the pipeline, so the single writer only runs the inserts and the
cross-article steps (dedup lookup, cluster assignment); a Prepared record is also much smaller
to send between processes than the Document it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsevents.clusters import (
    ClusterKey,
    dyad_rows,
    modality_group,
    mutual_act,
    place_for_clustering,
)
from newsevents.dedup import Signature, signature
from newsevents.errors import NewsEventsError
from newsevents.pipeline import Failure
from newsevents.records import Document
from newsevents.store.rows import ArticleRows, document_rows

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article ready for :func:`newsevents.store.write.write_batch`."""

    source: str  # where the article came from, for messages
    rows: ArticleRows
    roles: list[Row]  # actor_roles rows
    sig: Signature  # MinHash of the article text (newsevents.dedup)
    keys: list[ClusterKey]  # cluster ids still empty: the writer assigns them
    dyads: list[Row]
    events: int
    not_coded: bool  # stored but not coded for events (not English)

    @property
    def content_hash(self) -> str:
        return str(self.rows.article[1])

    @property
    def article_id(self) -> str:
        return str(self.rows.article[0])


def prepare(doc: Document) -> Prepared:
    """The write record of ``doc``; raises StoreError if the document cannot be stored."""
    rows = document_rows(doc)
    art = doc.article
    assert art is not None  # document_rows refuses a document without one
    keys, dyads = cluster_inputs([rows])
    return Prepared(
        source=doc.raw.source,
        rows=rows,
        roles=[(art.id, a.id, role) for a in rows.actors for role in a.roles],
        sig=signature(art.text),
        keys=keys,
        dyads=dyads,
        events=len(doc.events),
        not_coded=art.language != "en",
    )


def prepare_item(item: Document | Failure) -> Prepared | Failure:
    """:func:`prepare`, with an article that cannot be stored turned into a Failure."""
    if isinstance(item, Failure):
        return item
    try:
        return prepare(item)
    except NewsEventsError as exc:
        return Failure(item.raw.source, str(exc))


def cluster_inputs(batch: Sequence[ArticleRows]) -> tuple[list[ClusterKey], list[Row]]:
    """The clustering keys and dyad rows of the events of ``batch`` (see newsevents.clusters)."""
    keys: list[ClusterKey] = []
    dyads: list[Row] = []
    for rows in batch:
        published = rows.article[5]
        place_country = {p[0]: p[2] for p in rows.places}
        sides: dict[tuple[str, str], list[str]] = {}
        for event_id, actor_id, role, _pos, country in rows.event_actors:
            sides.setdefault((event_id, role), []).append(country or actor_id)
        for ev in rows.events:
            event_id, etype, quad, goldstein, modality = ev[0], ev[2], ev[5], ev[6], ev[7]
            day = ev[8] or published
            src = tuple(sorted(set(sides.get((event_id, "source"), []))))
            tgt = tuple(sorted(set(sides.get((event_id, "target"), []))))
            place = place_for_clustering(place_country.get(ev[11]) if ev[11] else None, ev[12])
            keys.append(ClusterKey(event_id, etype, modality_group(modality), day, src, tgt,
                                   place, mutual=mutual_act(etype, ev[4])))
            dyads += dyad_rows(event_id, day, etype, quad, goldstein, modality, src, tgt)
    return keys, dyads
