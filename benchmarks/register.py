"""The register of agreements over 1,000 meeting files: `erfakit aftaler` end to end.

Writes 1,000 generated meeting files (100 afdelinger × a fourth meeting and nine koordinationsmøder,
each ~15 agreements with a growing history, some version 1) into a temporary folder and times, in
the same run:

- baseline: a bare ``json.load`` of the same files (the least any reader has to do);
- reading: `gather_meeting_files` + `read_meeting_files` (checks, upgrade, validation);
- the register: `build_register`, the workbook and the HTML page.

Target (issue 14): 1,000 meeting files in ≤ 5 s (gather, read, build, write).

Run: ``.venv/bin/python benchmarks/register.py``
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from erfakit.core.agreements import record_status
from erfakit.core.model import Agreement, AgreementStatus, Function, Meeting, Origin, Participant, Session, Theme
from erfakit.core.next_meeting import follow_up_session
from erfakit.core.register import build_register
from erfakit.io.meeting_file.document import dumps_session
from erfakit.io.register import dumps_register_xlsx, gather_meeting_files, read_meeting_files
from erfakit.report.register import render_register_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_seconds  # noqa: E402

AFDELINGER = 100
MEETINGS = 10
TARGET_S = 5.0


def write_files(folder: Path) -> list[Path]:
    """1,000 meeting files: per afdeling a fourth meeting and nine koordinationsmøder that follow it up."""
    statuses = list(AgreementStatus)
    written = []
    for number in range(1, AFDELINGER + 1):
        afdeling = f"Afdeling {number} – Benchmarkparken"
        session = Session(
            meeting=Meeting(afdeling=afdeling, date=dt.date(2026, 12, 3)),
            participants=[Participant(function=function, name=f"Deltager {function.value}") for function in Function],
            agreements=[
                Agreement(
                    id=f"A{number}-2026-12-03-{index:02d}",
                    text=f"Aftale nummer {index} om genhusning og fællesarealer i byggeperioden",
                    theme=list(Theme)[index % 4],
                    responsible_function=list(Function)[index % 5],
                    responsible_person="Anna Holm",
                    deadline=dt.date(2027, 1 + index % 12, 1),
                    origin=Origin.OVELSE1,
                    made_on=dt.date(2026, 12, 3),
                )
                for index in range(1, 16)
            ],
        )
        target = folder / f"afdeling-{number}"
        target.mkdir()
        for meeting in range(MEETINGS):
            path = target / f"moede-{meeting:02d}.json"
            text = dumps_session(session)
            if meeting == 0 and number % 10 == 0:  # some files as version 1 wrote them
                data = json.loads(text)
                data["schema_version"] = 1
                del data["kind"]
                text = json.dumps(data)
            path.write_text(text, encoding="utf-8")
            written.append(path)
            date = session.meeting.date + dt.timedelta(weeks=6)
            session = follow_up_session(session, date=date)
            for index in range(0, len(session.agreements), 3):
                session.agreements[index] = record_status(
                    session.agreements[index], date=date, status=statuses[(index + meeting) % 4], note="Status givet"
                )
    return written


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = write_files(folder)
        size = sum(path.stat().st_size for path in files)
        print(f"{len(files)} meeting files, {size / 1e6:.1f} MB")

        def bare() -> None:
            for path in sorted(folder.rglob("*.json")):
                with path.open(encoding="utf-8") as handle:
                    json.load(handle)

        def read() -> tuple:
            found, _ = gather_meeting_files([folder])
            return read_meeting_files(found)

        def whole() -> None:
            sessions, _ = read()
            register = build_register(sessions, today=dt.date(2027, 6, 1))
            dumps_register_xlsx(register)
            render_register_html(register)

        baseline = median_seconds(bare, repeat=3, warmup=1)
        reading = median_seconds(read, repeat=3, warmup=1)
        total = median_seconds(whole, repeat=3, warmup=0)
        sessions, problems = read()
        register = build_register(sessions, today=dt.date(2027, 6, 1))
        assert not problems and len(register.entries) == AFDELINGER * 15, (problems[:3], len(register.entries))
        print(f"baseline, bare json.load of the files:       {baseline:.2f} s")
        print(f"gather + read (check, upgrade, validate):    {reading:.2f} s  ({reading / baseline:.1f}× the baseline)")
        print(f"erfakit aftaler end to end (read, register, xlsx, html): {total:.2f} s  ({total / baseline:.1f}×)")
        print(f"target ≤ {TARGET_S:.0f} s: {'met' if total <= TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
