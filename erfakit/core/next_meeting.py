"""The next meeting's file: a koordinationsmøde built from this meeting (of either kind).

Pure: a `Session` in, a `Session` out. `erfakit.handouts` writes it beside the report at export, and
`erfakit new --fra FORRIGE.json` makes one from any earlier meeting file.

What Øvelse 3 decided travels on: every agreement (open and closed: the forms fold the closed ones
away, the register needs them all) with its id and history, the joint projects, what the group meets
about and wants to know, the participants and the rest of the plan. What each meeting types anew
(answers, what has happened since) starts empty.
"""

from __future__ import annotations

import datetime as dt

from erfakit.core.agreements import carried_origin_meeting
from erfakit.core.guide import parts_of
from erfakit.core.identity import meeting_reference
from erfakit.core.model import (
    AgreementStatus,
    MeetingKind,
    MeetingPlan,
    Origin,
    PartId,
    PlannedMeeting,
    Session,
    Topics,
    default_agenda,
)
from erfakit.core.schedule import fit_agenda
from erfakit.exceptions import ErfakitError
from erfakit.texts import text

OPEN_STATUSES = (AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS)

__all__ = [
    "OPEN_STATUSES",
    "follow_up_agenda",
    "follow_up_session",
    "meeting_reference",
    "next_meeting_session",
    "next_planned_meeting",
]


def next_planned_meeting(session: Session, *, today: dt.date) -> PlannedMeeting | None:
    """The first planned meeting after both `today` and this meeting's date, or None."""
    after = max(today, session.meeting.date)
    upcoming = sorted((planned for planned in session.plan.dates if planned.date > after), key=lambda p: p.date)
    return upcoming[0] if upcoming else None


def follow_up_agenda(session: Session) -> dict[PartId, int]:
    """The agenda of the koordinationsmøder that follow `session`: a koordinationsmøde's own (as its
    tovholder set it, when it fits the plan's duration), else the default fitted to the plan's duration."""
    parts = parts_of(MeetingKind.KOORDINATION)
    if session.kind == MeetingKind.KOORDINATION and sum(session.agenda.get(part, 0) for part in parts) == (
        session.plan.duration_minutes
    ):
        return {part: session.agenda.get(part, 0) for part in parts}
    return fit_agenda(default_agenda(MeetingKind.KOORDINATION), session.plan.duration_minutes, parts=parts)


def next_meeting_session(
    session: Session, *, today: dt.date, lang: str = "da", carry_composition: bool = False
) -> Session:
    """The next meeting's file: a koordinationsmøde on the next planned date (see `follow_up_session`).

    Raises `ErfakitError` when the plan has no date after `today`.
    """
    planned = next_planned_meeting(session, today=today)
    if planned is None:
        raise ErfakitError(text("report.next.no_date", lang), text("report.next.no_date_hint", lang))
    return follow_up_session(
        session,
        date=planned.date,
        start_time=planned.start_time,
        place=planned.place,
        lang=lang,
        carry_composition=carry_composition,
    )


def follow_up_session(
    session: Session,
    *,
    date: dt.date,
    start_time: dt.time | None = None,
    place: str = "",
    lang: str = "da",
    carry_composition: bool = False,
) -> Session:
    """A koordinationsmøde on `date` that follows up `session` (a fourth meeting or a koordinationsmøde).

    Every agreement comes along with its id, status and history, as an agreement of an earlier
    meeting (one made at this meeting is named after it, `meeting_reference`); so do the joint
    projects, the topics (what the group meets about and wants to know), the participants, the
    partner grid (it describes the afdeling) and the plan's dates after `date` with their calendar
    UIDs. The composition only with ``carry_composition``: it holds sensitive data about the board
    and is not copied forward without need. The time and place default to the plan's (then this
    meeting's); the agenda is a koordinationsmøde's, fitted to the plan's duration.
    """
    reference = meeting_reference(session, lang)
    carried = [
        agreement.model_copy(
            update={"origin": Origin.EARLIER, "origin_meeting": carried_origin_meeting(agreement, reference)},
            deep=True,
        )
        for agreement in session.agreements
    ]
    plan = session.plan
    group = (
        session.meeting.group
        if session.kind == MeetingKind.KOORDINATION
        else text("meeting_core.koordination.group", session.meeting.language)
    )
    meeting = session.meeting.model_copy(
        update={
            "group": group,
            "date": date,
            "start_time": start_time or plan.start_time,
            "duration_minutes": plan.duration_minutes,
            "place": place.strip() or plan.place.strip() or session.meeting.place,
        }
    )
    remaining = MeetingPlan(
        interval=plan.interval,
        weekday=plan.weekday,
        start_time=plan.start_time,
        duration_minutes=plan.duration_minutes,
        place=plan.place,
        first_date=plan.first_date,
        months=plan.months,
        closure_days=list(plan.closure_days),
        closure_periods=[period.model_copy() for period in plan.closure_periods],
        dates=[planned.model_copy() for planned in plan.dates if planned.date > date],
        cancelled=[planned.model_copy() for planned in plan.cancelled if planned.date > date],
    )
    return Session(
        kind=MeetingKind.KOORDINATION,
        meeting=meeting,
        participants=[participant.model_copy() for participant in session.participants],
        composition=session.composition.model_copy(deep=True) if session.composition and carry_composition else None,
        partners=[partner.model_copy() for partner in session.partners],
        dismissed_merges=list(session.dismissed_merges),
        agreements=carried,
        plan=remaining,
        topics=Topics(
            meet_about=session.topics.meet_about,
            want_to_know=session.topics.want_to_know,
            projects=[project.model_copy(deep=True) for project in session.topics.projects],
        ),
        agenda=follow_up_agenda(session),
        display=session.display.model_copy(),
    )
