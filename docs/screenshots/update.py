"""Refresh the README's screenshots from a run of the browser tests.

    .venv/bin/pytest -m browser tests/browser/test_projector.py tests/browser/test_meeting_in_lab.py
    .venv/bin/python docs/screenshots/update.py [SCREENSHOT_FOLDER]

The tests write projector-sized (1600 × 900) PNGs to ``test-artifacts/screenshots/`` (or
``$ERFAKIT_SCREENSHOTS``); this script copies the chosen ones here, reduced to 128 colours so each
stays well under 300 KB.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
CHOSEN = {
    "app-1velkommen.png": "app-velkommen.png",
    "app-1ovelse1.png": "ovelse1-sammensaetning.png",
    "app-1ovelse2.png": "ovelse2-samarbejdspartnere.png",
    "app-1ovelse3.png": "ovelse3-moedeplan.png",
    "app-10-ovelse1-1280-large.png": "ovelse1-stor-tekst-1280.png",
    "report-02-ovelse2.png": "referat.png",
}
MAX_BYTES = 300_000


def main(source: Path) -> int:
    """Copy and shrink every chosen screenshot from ``source``; return 1 if one is missing or too big."""
    status = 0
    for shot, name in CHOSEN.items():
        if not (source / shot).exists():
            print(f"missing: {source / shot}", file=sys.stderr)
            status = 1
            continue
        image = Image.open(source / shot).convert("RGB")
        reduced = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        target = HERE / name
        reduced.save(target, optimize=True)
        size = target.stat().st_size
        print(f"{target.name}: {size // 1000} KB")
        if size > MAX_BYTES:
            status = 1
    return status


if __name__ == "__main__":
    default = HERE.parents[1] / "test-artifacts" / "screenshots"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
