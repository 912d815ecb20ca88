"""A finished meeting for the tests of what a meeting hands out (tests/io) and of the next
meeting's file (tests/core): agreements of every status, a plan of three dates, topics, a project."""

from __future__ import annotations

import datetime as dt

from erfakit.core.model import (
    Agreement,
    AgreementStatus,
    Function,
    Meeting,
    MeetingPlan,
    Origin,
    Participant,
    PlannedMeeting,
    Project,
    Session,
    Theme,
    Topics,
)

TODAY = dt.date(2026, 12, 3)


def finished_meeting(**updates: object) -> Session:
    """A finished meeting: agreements of every status, a plan of three dates, topics and projects."""
    session = Session(
        meeting=Meeting(
            afdeling="Afdeling 9 – Prøveparken",
            organisation="Boligselskabet Test",
            date=TODAY,
            place="Hovedkontoret",
            tovholder="Tove Holder",
        ),
        participants=[
            Participant(function=Function.DRIFT, name="Dorte Drift"),
            Participant(function=Function.UDLEJNING),
        ],
        agreements=[
            Agreement(
                text="Fælles nyhedsbrev om byggeriet",
                theme=Theme.FAELLESAREALER,
                origin=Origin.EARLIER,
                origin_meeting="Erfaringsgruppe 3 (24. september 2026)",
                status=AgreementStatus.IN_PROGRESS,
            ),
            Agreement(
                text="Tur med beboerdemokraterne",
                theme=Theme.BEBOERDEMOKRATI,
                origin=Origin.OVELSE1,
                responsible_function=Function.DRIFT,
                responsible_person="Dorte Drift",
                deadline=dt.date(2027, 5, 31),
            ),
            Agreement(
                text="Afsluttet aftale", theme=Theme.BOLIGFORHOLD, origin=Origin.EARLIER, status=AgreementStatus.DONE
            ),
            Agreement(
                text="Opgivet aftale",
                theme=Theme.SAMARBEJDSPARTNERE,
                origin=Origin.OVELSE2,
                status=AgreementStatus.DROPPED,
            ),
        ],
        plan=MeetingPlan(
            interval="6w",
            weekday=3,
            duration_minutes=90,
            place="Beboerhuset",
            dates=[
                PlannedMeeting(date=dt.date(2027, 1, 14), start_time=dt.time(13, 0)),
                PlannedMeeting(date=dt.date(2027, 2, 25), start_time=dt.time(13, 0), place="Byggepladsens skurby"),
                PlannedMeeting(date=dt.date(2027, 4, 8), start_time=dt.time(9, 30), note="Ekstra lang"),
            ],
        ),
        topics=Topics(
            meet_about="Status på genhusningen",
            want_to_know="Hvornår etape 2 starter",
            projects=[Project(title="Velkomstpakke", owner_function=Function.UDLEJNING)],
        ),
    )
    return session.model_copy(update=updates)
