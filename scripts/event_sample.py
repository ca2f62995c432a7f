"""A seeded random sample of extracted events, for hand-judging precision before and after a change.

Usage: ``python scripts/event_sample.py OUT.json [--n 40] [--seed 13] PATHS...``. Writes every event
(article, type, cameo, sides, modality, trigger, sentence) to OUT.json, prints counts per type and
the sample as numbered blocks; the sample is drawn from the events sorted by (article, trigger
offset, type), so the same seed picks comparable positions in two runs.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("newsevents")
    raw = subprocess.run([str(exe), "extract", "-q", *args.paths], check=False,
                         capture_output=True, text=True).stdout
    rows = []
    for line in raw.splitlines():
        doc = json.loads(line)
        art = doc["article"]
        names = {a["id"]: a["name"] for a in doc["actors"]}
        for e in doc["events"]:
            rows.append({
                "article": art.get("title") or art["id"], "type": e["type"], "cameo": e["cameo"],
                "source": e["source"], "target": e["target"], "modality": e["modality"],
                "trigger": e["trigger"]["text"], "start": e["trigger"]["start"],
                "sentence": e["evidence"]["text"],
                "names": {k: names.get(k, k) for k in e["source"] + e["target"]},
            })
    rows.sort(key=lambda r: (r["article"], r["start"], r["type"]))
    Path(args.out).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"{len(rows)} events in {len(raw.splitlines())} articles")
    print(" ".join(f"{t}={n}" for t, n in sorted(Counter(r["type"] for r in rows).items())))
    sample = sorted(random.Random(args.seed).sample(range(len(rows)), min(args.n, len(rows))))
    for k, i in enumerate(sample, 1):
        r = rows[i]
        print(f"\n[{k}] {r['type']} {r['cameo']} {r['modality']}  {r['source']} -> {r['target']}"
              f"  trigger={r['trigger']!r}\n    {r['sentence'][:300]}")


if __name__ == "__main__":
    main()
