"""The invented demo afdeling, ready to run: used by `erfakit demo`, the tests and the screenshots.

`data/demo/moede.json` is a completed meeting of the invented "Afdeling 7 – Lærkeparken";
`data/demo/beboere.csv` and `data/demo/bestyrelse.csv` are its analyst's composition files. No
real person's data is in any of them. `hold_demo_follow_up` plays the first koordinationsmøde after
it (an invented status round and one new agreement), so the demo shows the follow-up and the
register of agreements too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from erfakit.core.agreements import record_status
from erfakit.core.identity import meeting_reference, next_item_id
from erfakit.core.model import Agreement, AgreementStatus, Function, MeetingPlan, Origin, Session, Theme, Topics
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.resources import data_path

DEMO_FILE_NAME = "demo-moede.json"


def prepare_demo(folder: str | Path, *, filled: bool = True) -> Path:
    """Write the demo meeting file into ``folder`` and return its path.

    With ``filled`` the meeting is completed (answers, partners, today's agreements, plan); without,
    it holds only what the analyst prepares: facts, participants, earlier agreements, composition.
    The composition is imported from the demo's analyst files each time, as an analyst would.
    """
    # Imported here: the importer pulls in openpyxl, which the meeting forms never need.
    from erfakit.io.composition.assemble import read_composition

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    session = load_session(data_path("demo/moede.json"))
    if not filled:
        session = prepared_only(session)
    session.composition = read_composition(data_path("demo/beboere.csv"), data_path("demo/bestyrelse.csv"))
    target = folder / DEMO_FILE_NAME
    save_session(session, target)
    return target


def prepared_only(session: Session) -> Session:
    """``session`` as the analyst hands it over: nothing typed during the meeting yet."""
    return session.model_copy(
        update={
            "since_last": {},
            "answers": {},
            "partners": [],
            "dismissed_merges": [],
            "agreements": [a for a in session.agreements if a.origin == Origin.EARLIER],
            "plan": MeetingPlan(
                weekday=session.meeting.date.weekday(),
                start_time=session.meeting.start_time,
                duration_minutes=session.meeting.duration_minutes,
            ),
            "topics": Topics(),
        },
        deep=True,
    )


# The demo's first koordinationsmøde: (agreement id, status, note, new deadline). Invented.
DEMO_STATUS_ROUND: tuple[tuple[str, AgreementStatus, str, dt.date | None], ...] = (
    ("A7-2026-09-24-02", AgreementStatus.DONE, "Listen deles nu hver mandag; det virker.", None),
    ("A7-2026-09-24-03", AgreementStatus.IN_PROGRESS, "Mødet er booket; indbydelsen sendes ud i uge 4.", None),
    (
        "A7-2026-09-24-06",
        AgreementStatus.IN_PROGRESS,
        "Skiltene på dansk er oppe; oversættelsen er forsinket.",
        dt.date(2027, 2, 15),
    ),
    ("A7-2026-12-03-04", AgreementStatus.DONE, "Kontaktlisten er sendt rundt til alle fem funktioner.", None),
    ("A7-2026-12-03-05", AgreementStatus.OPEN, "Ældresagen har ikke svaret endnu; Lars rykker.", None),
)


def hold_demo_follow_up(session: Session) -> Session:
    """`session` (the demo's first koordinationsmøde, as the export made it) after the meeting: the
    status round of `DEMO_STATUS_ROUND`, notes on the topics, a project under way and one new
    agreement. Changes `session` in place and returns it."""
    date = session.meeting.date
    reference = meeting_reference(session)
    by_id = {agreement.id: index for index, agreement in enumerate(session.agreements)}
    for key, status, note, deadline in DEMO_STATUS_ROUND:
        index = by_id[key]
        changed = record_status(session.agreements[index], date=date, meeting=reference, status=status, note=note)
        if deadline is not None:
            changed = record_status(changed, date=date, meeting=reference, deadline=deadline)
        session.agreements[index] = changed
    if session.topics.projects:
        session.topics.projects[0] = record_status(
            session.topics.projects[0],
            date=date,
            meeting=reference,
            status=AgreementStatus.IN_PROGRESS,
            note="Indholdet er aftalt; pakken trykkes i februar.",
        )
    session.answers["k.meet_about"] = "Etape 2 starter 1. marts. Fællesarealerne ved blok C åbner igen i april."
    session.answers["k.want_to_know"] = (
        "Huslejen efter renoveringen kendes først i marts; Mette fortæller på næste møde."
    )
    session.agreements.append(
        Agreement(
            id=next_item_id(session),
            text="Driften og byggeledelsen laver en fælles plan for affald og oprydning på byggepladsen.",
            theme=Theme.FAELLESAREALER,
            responsible_function=Function.DRIFT,
            responsible_person="Henrik Lund",
            deadline=dt.date(2027, 2, 25),
            origin=Origin.KOORDINATION,
            made_on=date,
        )
    )
    return session
