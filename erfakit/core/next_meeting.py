"""The next meeting's file: built from this meeting's plan, participants and open agreements.

Pure: a `Session` in, a `Session` out. `erfakit.handouts` writes it beside the report.
"""

from __future__ import annotations

import datetime as dt

from erfakit.core.formatting import format_date
from erfakit.core.model import AgreementStatus, MeetingPlan, Origin, PlannedMeeting, Session, Topics
from erfakit.exceptions import ErfakitError
from erfakit.texts import text

OPEN_STATUSES = (AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS)


def meeting_reference(session: Session, lang: str = "da") -> str:
    """How later meetings name this one: "Erfaringsgruppe 4 – videre forløb (26. november 2026)"."""
    return f"{session.meeting.group} ({format_date(session.meeting.date, lang)})"


def next_planned_meeting(session: Session, *, today: dt.date) -> PlannedMeeting | None:
    """The first planned meeting after both `today` and this meeting's date, or None."""
    after = max(today, session.meeting.date)
    upcoming = sorted((planned for planned in session.plan.dates if planned.date > after), key=lambda p: p.date)
    return upcoming[0] if upcoming else None


def next_meeting_session(
    session: Session, *, today: dt.date, lang: str = "da", carry_composition: bool = False
) -> Session:
    """The next meeting's file: same group and participants, the next planned date, empty answers.

    The open agreements (open or in progress; not done or dropped) come along as agreements of an
    earlier meeting, so the next Velkommen starts from them. One that was already from an earlier
    meeting keeps the name of that meeting. The partner grid comes along (it describes the afdeling);
    the composition only with ``carry_composition`` (it holds sensitive data about the board and
    is not copied forward without need); the rest of the plan's dates stay in the plan.
    Raises `ErfakitError` when the plan has no date after `today`.
    """
    planned = next_planned_meeting(session, today=today)
    if planned is None:
        raise ErfakitError(text("report.next.no_date", lang), text("report.next.no_date_hint", lang))
    reference = meeting_reference(session, lang)
    carried = [
        agreement.model_copy(
            update={
                "origin": Origin.EARLIER,
                "origin_meeting": agreement.origin_meeting
                if agreement.origin == Origin.EARLIER and agreement.origin_meeting.strip()
                else reference,
            }
        )
        for agreement in session.agreements
        if agreement.status in OPEN_STATUSES
    ]
    meeting = session.meeting.model_copy(
        update={
            "date": planned.date,
            "start_time": planned.start_time,
            "duration_minutes": session.plan.duration_minutes,
            "place": planned.place.strip() or session.plan.place.strip() or session.meeting.place,
        }
    )
    remaining = [other for other in session.plan.dates if other.date > planned.date]
    plan = MeetingPlan(
        interval=session.plan.interval,
        weekday=session.plan.weekday,
        start_time=session.plan.start_time,
        duration_minutes=session.plan.duration_minutes,
        place=session.plan.place,
        months=session.plan.months,
        closure_days=list(session.plan.closure_days),
        dates=remaining,
    )
    return Session(
        meeting=meeting,
        participants=[participant.model_copy() for participant in session.participants],
        composition=session.composition.model_copy(deep=True) if session.composition and carry_composition else None,
        partners=[partner.model_copy() for partner in session.partners],
        dismissed_merges=list(session.dismissed_merges),
        agreements=carried,
        plan=plan,
        topics=Topics(),
        agenda=dict(session.agenda),
        display=session.display.model_copy(),
    )
