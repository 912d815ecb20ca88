"""One save of a full meeting file, against a bare json.dumps + os.replace of the same data.

Target (issue 2): median save ≤ 5 ms and ≤ 3× the bare baseline, measured in the same run.
Run: python benchmarks/save.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bare_save, full_meeting, median_seconds, verdict  # noqa: E402

from erfakit.io.meeting_file.document import save_session  # noqa: E402
from erfakit.io.meeting_file.store import SessionStore  # noqa: E402


def main() -> None:
    session = full_meeting(partners=40, agreements=20)
    data = session.model_dump(mode="json")
    with tempfile.TemporaryDirectory() as folder:
        bare_path = Path(folder) / "bare.json"
        meeting_path = Path(folder) / "moede.json"
        save_session(session, meeting_path)
        store = SessionStore.open(meeting_path)

        def bare() -> None:

            bare_save(data, bare_path)

        def ours() -> None:
            store.session.answers["o1.a.role"] += "."
            store.save()

        # Alternate the two so that disk and CPU noise hit both alike.
        bare_times, our_times = [], []
        for _ in range(10):
            bare_times.append(median_seconds(bare, repeat=20, warmup=1))
            our_times.append(median_seconds(ours, repeat=20, warmup=1))
        store.close()
    bare_median = sorted(bare_times)[len(bare_times) // 2]
    our_median = sorted(our_times)[len(our_times) // 2]
    ratio = our_median / bare_median
    print(f"meeting file: 40 partners, 20 agreements, all answers ({len(json.dumps(data)) / 1024:.1f} kB)")
    print(f"bare json.dumps + os.replace : {bare_median * 1000:7.3f} ms")
    print(f"erfakit save (atomic, fsync, lock check, versions): {our_median * 1000:7.3f} ms")
    print(f"ratio save / bare            : {ratio:7.2f}x   target ≤ 3x  {verdict(ratio <= 3)}")
    print(f"median save                  : {our_median * 1000:7.3f} ms target ≤ 5 ms {verdict(our_median <= 0.005)}")


if __name__ == "__main__":
    main()
