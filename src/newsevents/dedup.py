"""Near-duplicate articles (wire copies republished by many sites): MinHash/LSH (datasketch).

The store keeps the first article of a group as canonical and records each later near-copy in
``article_copies`` (with its source, URL and feed) instead of storing its events again, so event
counts are not inflated. A copy is an article most of whose word 5-grams (shingles) appear in
a stored one: headline changes, added boilerplate, truncation and reordered paragraphs keep
it a copy; a follow-up story that reuses a few paragraphs does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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


_TEMPLATE: Any = None  # one MinHash whose permutations every signature reuses


def signature(text: str) -> Signature:
    global _TEMPLATE
    from datasketch import MinHash

    if _TEMPLATE is None:
        _TEMPLATE = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    sh = shingles(text)
    # Drawing the permutations costs more than hashing a whole article: the template's are
    # reused (the same seed gives the same permutations, so the same hash values).
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_TEMPLATE.permutations)
    m.update_batch(list(sh))
    return Signature(m.hashvalues, len(sh))


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


# MinHash LSH banding: BANDS bands of ROWS hash values each; two signatures are candidates when
# one band is equal. These are the values datasketch's MinHashLSH picks for LSH_THRESHOLD and
# NUM_PERM (tests/test_dedup.py checks it); the index below is leaner than MinHashLSH (one dict,
# integer keys: about 3 KB per article against 11 KB) and needs no MinHash objects.
BANDS = 37
ROWS = 3


class Index:
    """Canonical articles' signatures; ``match`` finds the one a text is a copy of."""

    def __init__(self) -> None:
        self._sigs: dict[str, Signature] = {}
        # (band << 96 | the band's three 32-bit values) -> article id, or a list of them
        self._bands: dict[int, str | list[str]] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    @staticmethod
    def _keys(sig: Signature) -> list[int]:
        raw = np.asarray(sig.hashvalues, dtype=np.uint32).tobytes()
        step = 4 * ROWS
        return [(band << 96) | int.from_bytes(raw[band * step : (band + 1) * step], "little")
                for band in range(BANDS)]

    def add(self, key: str, sig: Signature) -> None:
        if key in self._sigs or sig.size < MIN_SHINGLES:
            return
        bands = self._bands
        for k in self._keys(sig):
            held = bands.get(k)
            if held is None:
                bands[k] = key
            elif isinstance(held, list):
                held.append(key)
            else:
                bands[k] = [held, key]
        self._sigs[key] = sig

    def candidates(self, sig: Signature) -> set[str]:
        """Stored articles sharing a band with ``sig``."""
        out: set[str] = set()
        for k in self._keys(sig):
            held = self._bands.get(k)
            if held is None:
                continue
            if isinstance(held, list):
                out.update(held)
            else:
                out.add(held)
        return out

    def match(self, sig: Signature) -> tuple[str, float] | None:
        """The stored article ``sig`` is a near-copy of, with the containment; or None (ties:
        the smallest id, so the answer does not depend on set order)."""
        if sig.size < MIN_SHINGLES or not self._sigs:
            return None
        best: tuple[str, float] | None = None
        for key in sorted(self.candidates(sig)):
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
        if self.index is None:
            # A rolled-back first batch takes the tables with it, and drops this index too
            # (forget), so the tables exist whenever an index does.
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


def _insert_rows(con: Any, table: str, rows: Sequence[tuple[Any, ...]], conflict: str) -> None:
    marks = ", ".join(["?"] * len(rows[0]))
    con.executemany(f"INSERT {conflict} INTO {table} VALUES ({marks})", list(rows))


def split_copies(con: Any, items: Sequence[Any],
                 insert: Callable[[Any, str, Sequence[tuple[Any, ...]], str], None] | None = None
                 ) -> list[bool]:
    """For each article about to be stored (a :class:`newsevents.store.prepare.Prepared`:
    ``rows``, ``sig``), whether it is a near-copy of a stored (or earlier) article; copies are
    recorded in ``article_copies``, the others' signatures in ``article_minhash`` (through
    ``insert``, the store's bulk insert). The caller holds the transaction and skips the
    copies."""
    put = insert if insert is not None else _insert_rows
    store_index = _INDEXES.setdefault(_key(con), StoreIndex())
    index = store_index.load(con)
    hashes = [p.rows.article[1] for p in items]
    marks = ", ".join(["?"] * len(hashes))
    known = {r[0] for r in con.execute(
        f"SELECT content_hash FROM article_copies WHERE content_hash IN ({marks})",
        hashes).fetchall()} if hashes else set()
    is_copy: list[bool] = []
    copy_rows: list[tuple[Any, ...]] = []
    sig_rows: list[tuple[Any, ...]] = []
    for p in items:
        # (id, content_hash, source, url, title, ..., feed) as in store.rows.document_rows
        art = p.rows.article
        art_id, content_hash = art[0], art[1]
        if content_hash in known:  # a copy recorded by an earlier ingest
            is_copy.append(True)
            continue
        sig = p.sig
        found = index.match(sig)
        if found is not None and found[0] != art_id:
            copy_rows.append((content_hash, found[0], art[2], art[3], art[11], art[4],
                              round(found[1], 4)))
            is_copy.append(True)
            continue
        index.add(art_id, sig)
        sig_rows.append((art_id, sig.size, sig.to_bytes()))
        is_copy.append(False)
    if copy_rows:
        put(con, "article_copies", copy_rows, "")
    if sig_rows:
        put(con, "article_minhash", sig_rows, "")
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
