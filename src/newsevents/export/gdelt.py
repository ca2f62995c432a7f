"""GDELT 2.0 event-table TSV: the same 61 columns in the same order, no header, so scripts
written for GDELT's ``*.export.CSV`` files read our data. See ``docs/gdelt-export.md``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsevents.export.records import records_sql

# GDELT 2.0 event table columns, in file order.
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

# An event whose evidence starts within the first characters of the article is in its lead,
# GDELT's notion of a "root event".
LEAD_CHARS = 500


def _clean(expr: str) -> str:
    """Tabs and line breaks would split a TSV row: they become spaces."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def _actor(side: str) -> list[str]:
    """SQL for the ten actor columns of the first actor of ``side`` (a list of structs)."""
    a = f"{side}[1]"
    igo = f"{a}.kind = 'igo'"
    code = (f"CASE WHEN {a} IS NULL THEN NULL WHEN {igo} THEN 'IGO' || "
            f"upper(regexp_replace(split_part({a}.id, ':', 2), '[^A-Za-z]', '', 'g')) "
            f"ELSE concat(coalesce({a}.country, ''), coalesce({a}.sector, '')) END")
    return [
        f"nullif({code}, '')",
        f"upper({_clean(a + '.name')})",
        f"{a}.country",
        f"CASE WHEN {igo} OR {a}.kind = 'armed_group' THEN upper(split_part({a}.id, ':', 2)) "
        "END",
        "NULL", "NULL", "NULL",
        f"{a}.sector",
        "NULL", "NULL",
    ]


def _geo(prefix: str) -> list[str]:
    if prefix != "ActionGeo":
        return ["0"] + ["NULL"] * 7  # GDELT writes 0 for an unknown geo type
    gtype = ("CASE WHEN feature = 'country' THEN 1 WHEN feature = 'region' THEN 5 "
             "WHEN lat IS NOT NULL THEN 4 ELSE 0 END")
    return [gtype, _clean("place_name"), "place_country", "NULL", "NULL", "round(lat, 4)",
            "round(lon, 4)", "CAST(geonameid AS VARCHAR)"]


def gdelt_sql(unit: str = "clusters") -> str:
    exprs = [
        "('0x' || substr(md5(id), 1, 15))::BIGINT",
        "CAST(strftime(day, '%Y%m%d') AS INTEGER)",
        "CAST(strftime(day, '%Y%m') AS INTEGER)",
        "year(day)",
        "round(year(day) + (dayofyear(day) - 1) / 365.0, 4)",
        *_actor("source"), *_actor("target"),
        f"CASE WHEN evidence_start < {LEAD_CHARS} THEN 1 ELSE 0 END",
        "cameo", "left(cameo, 3)", "left(cameo, 2)", "quad_class", "goldstein",
        "events", "sources", "articles", "NULL",
        *_geo("Actor1Geo"), *_geo("Actor2Geo"), *_geo("ActionGeo"),
        "CAST(strftime(ingested_at, '%Y%m%d%H%M%S') AS BIGINT)",
        _clean("coalesce(url, outlet)"),
    ]
    cols = ", ".join(f'{e} AS "{n}"' for e, n in zip(exprs, COLUMNS, strict=True))
    return f"SELECT {cols} FROM ({records_sql(unit)}) WHERE day IS NOT NULL"


def write_gdelt(con: Any, out: Path, unit: str = "clusters") -> int:
    """Write the GDELT 2.0 TSV (tab-separated, no header) to ``out``; returns rows written.
    Events with no day at all are left out (GDELT's SQLDATE is required)."""
    target = str(out).replace("'", "''")
    row = con.execute(f"COPY ({gdelt_sql(unit)}) TO '{target}' "
                      "(FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')"
                      ).fetchone()
    return int(row[0]) if row else 0
