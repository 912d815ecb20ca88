"""One live edit in Øvelse 2: persist the meeting file and recompute shared partners and the grid.

The widget's cost per change is `SessionStore.save()` (atomic write, lock check, version history)
plus `find_shared_partners` and `partner_grid`. Measured for a meeting with 5 functions,
40 partners, 20 agreements and every answer filled, and at 10× (400 partners, 200 agreements),
each against a bare ``json.dumps`` + ``os.replace`` of the same data in the same run.

Targets (issue 4): median ≤ 20 ms at 1×, ≤ 100 ms at 10×.
Also printed, for information: the recomputation alone, and `suggest_merges` (run when a partner
is added, not on every keystroke).
Run: .venv/bin/python benchmarks/live_edit.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bare_save, full_meeting, median_seconds, verdict  # noqa: E402

from erfakit.core.model import Function, Partner, PartnerCategory, PartnerStatus, Session  # noqa: E402
from erfakit.core.partners import find_shared_partners, partner_grid, suggest_merges  # noqa: E402
from erfakit.io.meeting_file.document import save_session  # noqa: E402
from erfakit.io.meeting_file.store import SessionStore  # noqa: E402

# Invented, typical partner names, some spelled two ways, as a tovholder types them live.
NAMES = [
    "Københavns Kommune",
    "Kommunen",
    "KK",
    "Politiet",
    "SSP",
    "Boligsocial helhedsplan",
    "Helhedsplanen",
    "Nørrebro Park Skole",
    "Nørrebro Parkskole",
    "Lejerforeningen",
    "Beboerhuset",
    "Fritidsklubben",
    "Biblioteket",
    "Jobcenteret",
    "Ungdomsskolen",
    "Frivilligcenteret",
    "Røde Kors",
    "Mødregruppen",
    "Lektiecaféen",
    "Boldklubben",
    "Byggeudvalget",
    "Haveforeningen",
    "Seniorklubben",
    "Kirken",
    "Sundhedsplejen",
    "Tandplejen",
    "Børnehaven Solsikken",
    "Vuggestuen Mælkebøtten",
    "Genbrugsbutikken",
    "Café Fælleshuset",
    "Idrætsforeningen",
    "Kulturhuset",
    "Beboerrådgiverne",
    "Gadeteamet",
    "Væresteder",
    "Natteravnene",
    "Lokaludvalget",
    "Erhvervsskolen",
    "Musikskolen",
    "Spejderne",
]
TARGETS_MS = {1: 20.0, 10: 100.0}


def meeting(scale: int) -> Session:
    """The benchmark meeting at `scale` (1 or 10): 40·scale partners, 20·scale agreements."""
    session = full_meeting(partners=40 * scale, agreements=20 * scale)
    functions, categories, statuses = list(Function), list(PartnerCategory), list(PartnerStatus)
    partners = [
        Partner(
            function=functions[i % 5],
            category=categories[(i // 5) % 4],
            name=NAMES[i % len(NAMES)] + (f" {i // len(NAMES)}" if scale > 1 and i % 3 else ""),
            activity="Fælles arrangementer i beboerhuset",
            status=statuses[i % 3],
        )
        for i in range(40 * scale)
    ]
    return session.model_copy(update={"partners": partners})


def middle(values: list[float]) -> float:
    return statistics.median(values)


def measure(scale: int, folder: Path) -> dict[str, float]:
    """Medians in seconds of: bare write, live edit, recompute only, suggest_merges."""
    session = meeting(scale)
    data = session.model_dump(mode="json")
    bare_path = folder / f"bare{scale}.json"
    meeting_path = folder / f"moede{scale}.json"
    save_session(session, meeting_path)
    store = SessionStore.open(meeting_path)
    partners = store.session.partners
    counter = iter(range(10**9))

    def bare() -> None:

        bare_save(data, bare_path)

    def recompute() -> None:
        find_shared_partners(store.session.partners)
        partner_grid(store.session.partners)

    def live_edit() -> None:
        # The tovholder corrects one partner's activity text: one change, then save and redraw.
        partners[next(counter) % len(partners)].activity = f"Fælles arrangementer {next(counter)}"
        store.save()
        recompute()

    bare_times, edit_times = [], []
    try:
        # Alternate the two so disk and CPU noise hit both alike.
        for _ in range(8):
            bare_times.append(median_seconds(bare, repeat=15, warmup=1))
            edit_times.append(median_seconds(live_edit, repeat=15, warmup=1))
        recompute_time = median_seconds(recompute, repeat=30)
        merges_time = median_seconds(lambda: suggest_merges(store.session.partners), repeat=10)
    finally:
        store.close()
    return {
        "bare": middle(bare_times),
        "edit": middle(edit_times),
        "recompute": recompute_time,
        "merges": merges_time,
        "kb": len(json.dumps(data, ensure_ascii=False).encode()) / 1024,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for scale in (1, 10):
            result = measure(scale, Path(folder))
            ms = {key: value * 1000 for key, value in result.items() if key != "kb"}
            target = TARGETS_MS[scale]
            print(f"--- {scale}x: {40 * scale} partners, {20 * scale} agreements, all answers ({result['kb']:.0f} kB)")
            print(f"bare json.dumps + os.replace        : {ms['bare']:8.3f} ms")
            print(f"live edit (save + shared + grid)    : {ms['edit']:8.3f} ms   ratio {ms['edit'] / ms['bare']:6.2f}x")
            recompute, merges = ms["recompute"], ms["merges"]
            print(f"  of which recompute (shared + grid): {recompute:8.3f} ms   ratio {recompute / ms['bare']:6.2f}x")
            print(f"suggest_merges (on add, not per key): {merges:8.3f} ms   ratio {merges / ms['bare']:6.2f}x")
            print(f"target: live edit median ≤ {target:.0f} ms  {verdict(ms['edit'] <= target)}")


if __name__ == "__main__":
    main()
