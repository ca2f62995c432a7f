"""The event ontology: CAMEO codes with their PLOVER type and mode, quad class and Goldstein score.

``cameo_info("195")`` answers from ``data/cameo.csv``; unknown sub-codes fall back to their parent
code (``"1955"`` → ``"195"`` → ``"19"``), so PETRARCH codings map to PLOVER without a full table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsevents.lexicon import load_csv

__all__ = [
    "PLOVER_TYPES",
    "QUAD_CLASSES",
    "CameoInfo",
    "cameo_codes",
    "cameo_info",
    "plover_type",
]

# The 16 PLOVER event types, in quad-class order.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class CameoInfo:
    """What one CAMEO code means. ``type`` is None for codes PLOVER drops (01x statements)."""

    code: str
    name: str
    type: str | None
    mode: str | None
    context: str | None
    quad_class: int
    goldstein: float


@cache
def _table() -> dict[str, CameoInfo]:
    out: dict[str, CameoInfo] = {}
    for row in load_csv("cameo.csv"):
        code = row["code"].strip()
        out[code] = CameoInfo(
            code=code,
            name=row["name"].strip(),
            type=row["plover_type"].strip() or None,
            mode=row["plover_mode"].strip() or None,
            context=row["context"].strip() or None,
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
        )
    return out


def cameo_info(code: str) -> CameoInfo | None:
    """The entry for ``code`` or, failing that, for its nearest listed parent; None if unknown.

    A returned parent keeps its own ``code``, so callers can tell a fallback from an exact hit.
    """
    table = _table()
    c = code.strip()
    while len(c) >= 2:
        hit = table.get(c)
        if hit is not None:
            return hit
        c = c[:-1]
    return None


def plover_type(code: str) -> str | None:
    """The PLOVER event type a CAMEO code maps to (None for statements or unknown codes)."""
    info = cameo_info(code)
    return info.type if info else None


def cameo_codes() -> tuple[str, ...]:
    """Every code listed in the table, in file order."""
    return tuple(_table())
