"""End to end on the seed article: what an analyst must find in the JSON (issue 2 acceptance)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from newsevents.pipeline import Pipeline
from newsevents.records import RawDocument, to_json

from .conftest import shared_path


@pytest.fixture(scope="module")
def seed(pipeline: Pipeline) -> dict[str, Any]:
    path = shared_path("seed", "iran-brics-kazan.txt")
    raw = RawDocument(source=str(path), text=path.read_text(encoding="utf-8"))
    out = to_json(pipeline(raw))
    json.dumps(out)  # the contract is plain JSON
    return out


def _actor(out: dict[str, Any], name_part: str) -> dict[str, Any]:
    hits = [a for a in out["actors"] if name_part in a["name"]]
    assert hits, f"no actor named like {name_part!r} in {[a['name'] for a in out['actors']]}"
    return hits[0]


def _countries(out: dict[str, Any], ids: list[str]) -> set[str]:
    by_id = {a["id"]: a for a in out["actors"]}
    return {by_id[i]["country"] for i in ids if by_id[i]["country"]}


def test_boilerplate_removed_and_body_kept(seed: dict[str, Any]) -> None:
    art = seed["article"]
    assert len(art["removed"]) == 6
    for marker in ("READ:", "donation", "Android", "Connect with us", "Sign up"):
        assert marker not in art["text"]
    assert "Pezeshkian also held talks with Chinese President Xi Jinping" in art["text"]
    assert "mitigate the effects of international isolation" in art["text"]


def test_publication_date_from_weekday(seed: dict[str, Any]) -> None:
    assert seed["article"]["published"] == "2024-10-23"
    assert seed["article"]["published_basis"] == "weekday"


def test_related_link_senators_are_not_actors(seed: dict[str, Any]) -> None:
    names = " ".join(a["name"] for a in seed["actors"])
    assert "Kennedy" not in names and "Risch" not in names


@pytest.mark.parametrize(
    ("name", "country", "role"),
    [
        ("Pezeshkian", "IRN", "President"),
        ("Putin", "RUS", "President"),
        ("Xi Jinping", "CHN", "President"),
        ("Aliabadi", "IRN", "Energy Minister"),
        ("Raisi", "IRN", "President"),
    ],
)
def test_named_officials(seed: dict[str, Any], name: str, country: str, role: str) -> None:
    a = _actor(seed, name)
    assert a["kind"] == "person"
    assert a["country"] == country
    assert any(role.lower() in r.lower() for r in a["roles"]), a["roles"]


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [("Kazan", "RUS", 55.79, 49.12), ("Qingdao", "CHN", 36.06, 120.38)],
)
def test_places_with_coordinates(
    seed: dict[str, Any], name: str, country: str, lat: float, lon: float
) -> None:
    hits = [p for p in seed["places"] if p["name"] == name]
    assert hits, [p["name"] for p in seed["places"]]
    p = hits[0]
    assert p["country"] == country
    assert abs(p["lat"] - lat) < 0.1 and abs(p["lon"] - lon) < 0.1


def _events(out: dict[str, Any], etype: str) -> list[dict[str, Any]]:
    return [e for e in out["events"] if e["type"] == etype]


@pytest.mark.parametrize("partner", ["RUS", "CHN"])
def test_meetings_dated(seed: dict[str, Any], partner: str) -> None:
    hits = [
        e
        for e in _events(seed, "CONSULT")
        if "IRN" in _countries(seed, e["source"] + e["target"])
        and partner in _countries(seed, e["source"] + e["target"])
    ]
    assert hits, f"no Iran–{partner} CONSULT in {seed['events']}"
    assert any(e["date"] == "2024-10-23" for e in hits)
    assert all(e["modality"] == "asserted" for e in hits)


def test_partnership_agreement_is_expected(seed: dict[str, Any]) -> None:
    hits = [e for e in _events(seed, "AGREE") if "partnership agreement" in e["evidence"]["text"]]
    assert hits
    assert all(e["modality"] == "expected" for e in hits)


def test_military_support_strikes_and_offensive(seed: dict[str, Any]) -> None:
    support = [
        e
        for e in seed["events"]
        if "military support" in e["trigger"]["text"] or "support" in e["trigger"]["text"]
    ]
    assert any(
        _countries(seed, e["source"]) == {"IRN"} and "RUS" in _countries(seed, e["target"])
        for e in support
    )
    assault = _events(seed, "ASSAULT")
    assert any("ISR" in _countries(seed, e["source"]) for e in assault)
    assert any(
        "RUS" in _countries(seed, e["source"]) and "UKR" in _countries(seed, e["target"])
        for e in assault
    )


def test_offsets_point_into_text(seed: dict[str, Any]) -> None:
    text = seed["article"]["text"]
    for e in seed["events"]:
        ev = e["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
    for a in seed["actors"]:
        for m in a["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_ids_are_stable(pipeline: Pipeline) -> None:
    path = shared_path("seed", "iran-brics-kazan.txt")
    raw = RawDocument(source=str(path), text=path.read_text(encoding="utf-8"))
    a, b = to_json(pipeline(raw)), to_json(pipeline(raw))
    assert [e["id"] for e in a["events"]] == [e["id"] for e in b["events"]]
    assert date.fromisoformat(a["article"]["published"]).year == 2024
