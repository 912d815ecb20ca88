"""One live edit through the Øvelse 2 form itself, as the tovholder makes it.

`live_edit.py` measures the core of an edit (save + shared partners + grid). This measures the
whole click on "Tilføj partner" in the widget form: validation, the immediate save, and the
refresh of what is shown live (grid, partner list, shared partners, partners to develop); the
merge suggestions follow right after the click on the kernel's event loop, timed apart. Also a
keystroke in an answer field, which only schedules the debounced save. Both against a bare
``json.dumps`` + ``os.replace`` of the same data in the same run, at 1× (40 partners, 20 agreements)
and 10×. Widgets run without a browser (the kernel side's cost).

Targets (issue 4, for the edit): median ≤ 20 ms at 1×, ≤ 100 ms at 10×.
Run: .venv/bin/python benchmarks/live_edit_form.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bare_save, median_seconds, verdict  # noqa: E402
from live_edit import TARGETS_MS, meeting  # noqa: E402

from erfakit.core.model import Function, PartnerCategory  # noqa: E402
from erfakit.core.partners import suggest_merges  # noqa: E402
from erfakit.io.meeting_file.document import save_session  # noqa: E402
from erfakit.ui.app import MeetingApp  # noqa: E402


def find(widget, css: str):
    """The first widget under ``widget`` with the CSS class ``css``."""
    if css in getattr(widget, "_dom_classes", ()):
        return widget
    for child in getattr(widget, "children", ()):
        found = find(child, css)
        if found is not None:
            return found
    return None


def measure(scale: int, folder: Path) -> dict[str, float]:
    """Medians in seconds: bare write, a partner added through the form, a keystroke."""
    session = meeting(scale)
    data = session.model_dump(mode="json")
    bare_path = folder / f"bare{scale}.json"
    meeting_path = folder / f"moede{scale}.json"
    save_session(session, meeting_path)
    app = MeetingApp(meeting_path)
    # Parts are built when the navigation first shows them, as in the meeting.
    app.go("ovelse1")
    answer = find(app.show_part("ovelse1"), "erfakit-answer-o1-a-role")
    app.go("ovelse2")
    screen = app.show_part("ovelse2")
    name, add = find(screen, "erfakit-partner-name"), find(screen, "erfakit-partner-add")
    find(screen, "erfakit-partner-function").value = Function.DRIFT
    find(screen, "erfakit-partner-category").value = PartnerCategory.FORENINGER
    partners = app.session.partners
    counter = iter(range(10**9))

    def bare() -> None:

        bare_save(data, bare_path)

    def add_partner() -> None:
        name.value = f"Ny samarbejdspartner {next(counter)}"
        add.click()
        # Keep the meeting the same size from run to run (not timed work would be nicer, but
        # removing is a list pop: negligible next to the click).
        partners.pop()

    def keystroke() -> None:
        answer.value += "x"

    async def in_kernel_loop() -> float:
        # As in a kernel: a running event loop, so the merge suggestions follow the click.
        return median_seconds(add_partner, repeat=30)

    def suggestions() -> None:
        suggest_merges(partners, app.session.dismissed_merges)

    try:
        return {
            "bare": median_seconds(bare, repeat=30),
            "add": asyncio.run(in_kernel_loop()),
            "add_sync": median_seconds(add_partner, repeat=15),
            "merges": median_seconds(suggestions, repeat=15),
            "key": median_seconds(keystroke, repeat=200),
        }
    finally:
        app.close()


def main() -> int:
    """Print medians, ratios to the bare write, and the targets."""
    with tempfile.TemporaryDirectory(prefix="erfakit-bench-") as folder:
        for scale in (1, 10):
            result = measure(scale, Path(folder))
            bare, add, key = result["bare"], result["add"], result["key"]
            target = TARGETS_MS[scale]
            print(f"{scale}×: bare json.dumps + os.replace {bare * 1000:.2f} ms")
            print(
                f"{scale}×: partner added through the form {add * 1000:.1f} ms "
                f"(ratio {add / bare:.1f}×; target ≤ {target:.0f} ms: {verdict(add * 1000 <= target)})"
            )
            print(
                f"{scale}×: then the merge suggestions, right after (not blocking the grid): "
                f"{result['merges'] * 1000:.1f} ms; "
                f"click and suggestions together: {result['add_sync'] * 1000:.1f} ms"
            )
            print(f"{scale}×: keystroke in an answer field {key * 1000:.3f} ms (ratio {key / bare:.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
