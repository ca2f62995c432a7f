"""Generated news-like articles for the crash and concurrency tests (seeded, so reproducible)."""

from __future__ import annotations

import random
from pathlib import Path

_LEADERS = [
    ("Iranian", "President", "Masoud Pezeshkian", "Tehran"),
    ("Russian", "President", "Vladimir Putin", "Moscow"),
    ("Chinese", "President", "Xi Jinping", "Beijing"),
    ("Turkish", "President", "Tayyip Erdogan", "Ankara"),
    ("Indian", "Prime Minister", "Narendra Modi", "New Delhi"),
    ("French", "President", "Emmanuel Macron", "Paris"),
    ("German", "Chancellor", "Olaf Scholz", "Berlin"),
    ("Brazilian", "President", "Luiz Inacio Lula da Silva", "Brasilia"),
]
_DEALS = ["energy", "trade", "grain exports", "nuclear power", "railways", "banking"]
_MONTHS = ["March", "April", "May", "June", "September", "October"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(rng: random.Random, n: int) -> str:
    a, b = rng.sample(_LEADERS, 2)
    deal = rng.choice(_DEALS)
    month, day = rng.choice(_MONTHS), rng.randint(1, 28)
    weekday = rng.choice(_DAYS)
    return (
        f"{a[0]} and {b[0]} leaders agree on {deal} (report {n})\n"
        f"Published: 2024-{_MONTHS.index(month) + 3:02d}-{day:02d}\n\n"
        f"{a[3].upper()} — {a[0]} {a[1]} {a[2]} met {b[0]} {b[1]} {b[2]} in {a[3]} on "
        f"{weekday}, and the two leaders signed an agreement on {deal} cooperation.\n\n"
        f"{b[2]} said his government would send a delegation to {a[3]} next month. "
        f"{a[2]} praised the talks and called for closer ties in {deal}.\n\n"
        f"Officials in {b[3]} criticised a rival bloc's sanctions on the {deal} sector, "
        f"and the {a[0]} foreign ministry accused unnamed states of interference "
        f"(item {n}, {rng.randint(1000, 9999)}).\n"
    )


def write_corpus(folder: Path, demo: Path, *, demo_files: int, generated: int,
                 seed: int) -> list[Path]:
    """Copy ``demo_files`` articles of the demo corpus into ``folder`` and add ``generated``
    seeded articles; returns the files in ingest order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    picked = sorted(p for p in demo.iterdir() if p.suffix in (".txt", ".html"))[:demo_files]
    out = []
    for p in picked:
        dest = folder / p.name
        dest.write_bytes(p.read_bytes())
        out.append(dest)
    for i in range(generated):
        dest = folder / f"zz-generated-{i:03d}.txt"
        dest.write_text(article(rng, i), encoding="utf-8")
        out.append(dest)
    return sorted(out)
