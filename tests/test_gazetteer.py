"""Tests for the offline gazetteer: its points for countries, areas and continents, and names."""

from __future__ import annotations

import pytest

from newsevents.eval.metrics import haversine_km
from newsevents.gazetteer import Gazetteer, Hit, gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


@pytest.mark.parametrize(("iso3", "lat", "lon"), [
    # The conventional points gazetteers (GeoNames, the World Factbook) give.
    ("RUS", 60.0, 100.0), ("CAN", 60.0, -95.0), ("AFG", 33.0, 65.0), ("IDN", -5.0, 120.0),
    ("MAR", 32.0, -5.0), ("VNM", 16.17, 107.83), ("USA", 39.76, -98.5),
])
def test_country_points_follow_the_gazetteer_convention(gaz: Gazetteer, iso3: str, lat: float,
                                                        lon: float) -> None:
    e = gaz.countries[iso3]
    assert e.lat is not None and e.lon is not None
    assert haversine_km(e.lat, e.lon, lat, lon) < 50


def test_continent_and_large_province_points(gaz: Gazetteer) -> None:
    europe = gaz.by_id("region:europe")
    assert europe is not None and europe.lat is not None and europe.lon is not None
    assert haversine_km(europe.lat, europe.lon, 48.69, 9.14) < 10  # GeoNames' point
    ontario = gaz.admin1[("CAN", "08")]
    assert ontario.lat is not None and ontario.lat > 46  # not the populated south's mean
    assert gaz.admin1[("USA", "DC")].country == "USA"


def test_area_names_without_generic_suffix(gaz: Gazetteer) -> None:
    assert any(e.kind == "adm1" and e.country == "CHN" for e, _ in gaz.lookup("Henan"))


def test_find_skips_currency_and_hyphenated_uses(gaz: Gazetteer) -> None:
    found = [h.name for h in gaz.find("US$10,000 for Iran-backed groups in Iran.")]
    assert found == ["Iran"]
    assert all(isinstance(h, Hit) for h in gaz.find("Kazan"))


def test_find_keeps_place_compounds(gaz: Gazetteer) -> None:
    found = [h.name for h in gaz.find("A Washington-based group and Atlanta-area schools.")]
    assert found == ["Washington", "Atlanta"]
