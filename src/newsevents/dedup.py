"""Near-duplicate articles (wire copies republished by many sites): MinHash/LSH (datasketch).

The store keeps the first article of a group as canonical and records each later near-copy in
``article_copies`` (with its source, URL and feed) instead of storing its events again, so event
counts are not inflated. A copy is an article most of whose word 5-grams (shingles) appear in
a stored one: headline changes, added boilerplate, truncation and reordered paragraphs keep
it a copy; a follow-up story that reuses a few paragraphs does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

NUM_PERM = 128
SHINGLE = 5
# LSH finds candidates from this estimated Jaccard similarity up; a truncated copy that keeps
# 40% of the article has a Jaccard of 0.4 with it.
LSH_THRESHOLD = 0.3
# A candidate is a copy when this share of the smaller article's shingles is in the other.
CONTAINMENT = 0.7
# Too short to tell a copy from a shared boilerplate paragraph.
MIN_SHINGLES = 20

_WORD = re.compile(r"\w+")
# Named explicitly (datasketch >= 2.0): stored signatures must be compared under one scheme.
SCHEME = "affine32"

COPIES_DDL = """
CREATE TABLE IF NOT EXISTS article_copies (
    content_hash VARCHAR NOT NULL,
    canonical_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    url VARCHAR,
    feed VARCHAR,
    title VARCHAR,
    similarity DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS article_minhash (
    article_id VARCHAR NOT NULL,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL
);
"""


def shingles(text: str) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


@dataclass(frozen=True, slots=True)
class Signature:
    hashvalues: Any  # numpy uint32 array of NUM_PERM values
    size: int  # number of distinct shingles

    def to_bytes(self) -> bytes:
        return bytes(np.asarray(self.hashvalues, dtype=np.uint32).tobytes())

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        return cls(np.frombuffer(data, dtype=np.uint32).copy(), size)


def signature(text: str) -> Signature:
    from datasketch import MinHash

    sh = shingles(text)
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch(list(sh))
    return Signature(m.hashvalues, len(sh))


def _lean(sig: Signature) -> Any:
    from datasketch import LeanMinHash, MinHash

    return LeanMinHash(MinHash(num_perm=NUM_PERM, hashvalues=sig.hashvalues, scheme=SCHEME))


def _jaccard(a: Signature, b: Signature) -> float:
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller set's shingles found in the other, from the MinHash
    Jaccard estimate J and the set sizes: |A∩B| = J(|A|+|B|)/(1+J)."""
    j = _jaccard(a, b)
    small = min(a.size, b.size)
    if small == 0:
        return 0.0
    return min(1.0, j * (a.size + b.size) / ((1 + j) * small))


class Index:
    """Canonical articles' signatures; ``match`` finds the one a text is a copy of."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._sigs: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, key: str, sig: Signature) -> None:
        if key in self._sigs or sig.size < MIN_SHINGLES:
            return

        self._lsh.insert(key, _lean(sig))
        self._sigs[key] = sig

    def match(self, sig: Signature) -> tuple[str, float] | None:
        """The stored article ``sig`` is a near-copy of, with the containment; or None."""
        if sig.size < MIN_SHINGLES or not self._sigs:
            return None
        best: tuple[str, float] | None = None
        query = _lean(sig)
        for key in self._lsh.query(query):
            c = containment(sig, self._sigs[key])
            if c >= CONTAINMENT and (best is None or c > best[1]):
                best = (key, c)
        return best


class StoreIndex:
    """An :class:`Index` of the articles in a store connection, loaded once, kept up to date
    by the write path (``split_copies``)."""

    def __init__(self) -> None:
        self.index: Index | None = None
        self.rows = 0  # rows of article_minhash the index reflects

    def load(self, con: Any) -> Index:
        # Every call: a rolled-back first batch takes the tables with it.
        con.execute(COPIES_DDL)
        # The table is append-only, so its row count tells whether another connection or
        # process (ingest lets the file go between batches) added signatures since the load.
        (count,) = con.execute("SELECT count(*) FROM article_minhash").fetchone()
        if self.index is None or count != self.rows:
            index = Index()
            for art_id, size, blob in con.execute(
                "SELECT article_id, shingles, signature FROM article_minhash"
            ).fetchall():
                index.add(art_id, Signature.from_bytes(bytes(blob), size))
            self.index = index
            self.rows = count
        return self.index


_INDEXES: dict[Any, StoreIndex] = {}


def _key(con: Any) -> Any:
    """The database file of ``con`` (an index outlives a connection closed between batches),
    or the connection itself for an in-memory database."""
    row = con.execute("SELECT path FROM duckdb_databases() "
                      "WHERE database_name = current_database()").fetchone()
    return row[0] if row and row[0] else id(con)


def split_copies(con: Any, items: Sequence[tuple[Any, Any]]) -> list[bool]:
    """For each (Document, rows) about to be stored, whether it is a near-copy of a stored (or
    earlier) article; copies are recorded in ``article_copies``, the others' signatures in
    ``article_minhash``. The caller holds the transaction and skips the copies."""
    store_index = _INDEXES.setdefault(_key(con), StoreIndex())
    index = store_index.load(con)
    hashes = [rows.article[1] for _, rows in items]
    known = {r[0] for r in con.execute(
        "SELECT content_hash FROM article_copies WHERE list_contains(?, content_hash)",
        [hashes]).fetchall()}
    is_copy: list[bool] = []
    copy_rows: list[tuple[Any, ...]] = []
    sig_rows: list[tuple[Any, ...]] = []
    for doc, rows in items:
        art = doc.article
        if rows.article[1] in known:  # a copy recorded by an earlier ingest
            is_copy.append(True)
            continue
        if art is None:
            is_copy.append(False)
            continue
        sig = signature(art.text)
        found = index.match(sig)
        if found is not None and found[0] != art.id:
            copy_rows.append((rows.article[1], found[0], art.source, art.url, art.feed,
                              art.title, round(found[1], 4)))
            is_copy.append(True)
            continue
        index.add(art.id, sig)
        sig_rows.append((art.id, sig.size, sig.to_bytes()))
        is_copy.append(False)
    if copy_rows:
        con.executemany("INSERT INTO article_copies VALUES (?, ?, ?, ?, ?, ?, ?)", copy_rows)
    if sig_rows:
        con.executemany("INSERT INTO article_minhash VALUES (?, ?, ?)", sig_rows)
        store_index.rows += len(sig_rows)
    return is_copy


def forget(con: Any) -> None:
    """Drop the in-memory index of a connection being closed or rolled back (it is reloaded
    from the store on the next write)."""
    try:
        key = _key(con)
    except Exception:  # a broken connection: the row count check reloads the index anyway
        return
    _INDEXES.pop(key, None)
