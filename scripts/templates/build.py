"""Write resources/templates/*.json from the definitions beside this file.

    python scripts/templates/build.py

Each file is ``NN-<id>.json`` (NN keeps the gallery in lifecycle order),
written with a 2-space indent and non-ASCII kept readable.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

import acquisition
import conversion
import engagement
import retention

OUT = ROOT / "resources" / "templates"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    makers = acquisition.TEMPLATES + conversion.TEMPLATES + retention.TEMPLATES + engagement.TEMPLATES
    for old in OUT.glob("[0-9][0-9]-*.json"):
        old.unlink()
    for i, make in enumerate(makers, 1):
        t = make()
        path = OUT / f"{i:02d}-{t.id}.json"
        path.write_text(json.dumps(t.data(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
