"""The meeting file's data model: one `Session` per meeting.

The JSON form of `Session` is the meeting file (see `erfakit.io.meeting_file.document`). Codes are stable
English identifiers; the Danish and English labels live in the text catalogue (`erfakit.texts`).
Bump `SCHEMA_VERSION` and add an upgrade step in `erfakit.core.migrations` for any change that an
older file would not validate against.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Final = 2


class MeetingKind(StrEnum):
    """Which meeting a file holds: the guide's fourth meeting, or one of the follow-up meetings after it.

    Øvelse 3 of "Erfaringsgruppe 4 – videre forløb" decides how the group goes on meeting "and
    coordinates its work"; those short meetings are koordinationsmøder: status on each agreement,
    the chosen topics, the joint projects, new agreements and the next date.
    """

    ERFARINGSGRUPPE4 = "erfaringsgruppe4"
    KOORDINATION = "koordination"


class Function(StrEnum):
    """The five functions of the housing organisation represented in the group."""

    BOLIGSOCIAL = "boligsocial"
    DRIFT = "drift"
    BYGGETEKNISK = "byggeteknisk"
    GENHUSNING = "genhusning"
    UDLEJNING = "udlejning"


class PartnerCategory(StrEnum):
    """The columns of Øvelse 2's grid."""

    MYNDIGHEDER = "myndigheder"
    FORENINGER = "foreninger"
    INSTITUTIONER = "institutioner"
    BEBOERNETVAERK = "beboernetvaerk"


class PartnerStatus(StrEnum):
    """Whether a partnership exists or should be established or expanded for the renovation."""

    EXISTING = "existing"
    ESTABLISH = "establish"
    EXPAND = "expand"


class Theme(StrEnum):
    """The four themes Øvelse 3 groups agreements by."""

    BOLIGFORHOLD = "boligforhold"
    FAELLESAREALER = "faellesarealer"
    BEBOERDEMOKRATI = "beboerdemokrati"
    SAMARBEJDSPARTNERE = "samarbejdspartnere"


class AgreementStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Origin(StrEnum):
    """Where an agreement was made: at an earlier meeting or in one of today's exercises."""

    EARLIER = "earlier"
    VELKOMMEN = "velkommen"
    OVELSE1 = "ovelse1"
    OVELSE2 = "ovelse2"
    OVELSE3 = "ovelse3"
    KOORDINATION = "koordination"
    """Made at a koordinationsmøde (its part "Nye aftaler")."""


class PartId(StrEnum):
    """The parts of the meetings; each has one screen and one time box.

    Which parts a meeting has, in which order, depends on its kind (`erfakit.core.guide.parts_of`):
    the fourth meeting runs Velkommen to Afslutning, a koordinationsmøde Status to Næste møde.
    """

    VELKOMMEN = "velkommen"
    OVELSE1 = "ovelse1"
    OVELSE2 = "ovelse2"
    OVELSE3 = "ovelse3"
    AFSLUTNING = "afslutning"
    STATUS = "status"
    """Koordinationsmøde: a round of status on each open agreement."""
    EMNER = "emner"
    """Koordinationsmøde: what the group meets about and what it wanted to know."""
    PROJEKTER = "projekter"
    """Koordinationsmøde: the joint projects and their status."""
    NYE_AFTALER = "nye_aftaler"
    """Koordinationsmøde: new agreements."""
    NAESTE = "naeste"
    """Koordinationsmøde: the next dates, and the referat."""


def new_id() -> str:
    """A short random identifier for rows the tovholder adds (partners, agreements, …)."""
    return uuid.uuid4().hex[:12]


class _Model(BaseModel):
    # Unknown fields are an error, not silently dropped: a typo in a hand-edited file must surface.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Meeting(_Model):
    """The facts of the meeting itself."""

    group: str = "Erfaringsgruppe 4 – videre forløb"
    organisation: str = ""
    afdeling: str
    date: dt.date
    start_time: dt.time = dt.time(14, 0)
    duration_minutes: int = Field(default=120, ge=15, le=600)
    place: str = ""
    tovholder: str = ""
    language: Literal["da", "en"] = "da"


class Participant(_Model):
    """A group member. The function is required; the name is optional."""

    id: str = Field(default_factory=new_id)
    function: Function
    name: str = ""
    title: str = ""
    email: str = ""
    """Only when the analyst gives it: the calendar then invites the address (else the name only)."""


class StatusChange(_Model):
    """What one meeting said about an agreement or a project: its status then, a note, a new deadline."""

    date: dt.date
    """The date of the meeting that gave the status."""
    status: AgreementStatus
    note: str = ""
    new_deadline: dt.date | None = None
    """The deadline the meeting set, when it changed it; None when it stayed."""
    meeting: str = ""
    """Which meeting, as later meetings name it: "Koordinationsmøde (14. januar 2027)"."""


class Agreement(_Model):
    """One agreement: an item of the action list.

    Its `id` is its identity for good: given by the meeting where it was made
    ("A7-2026-12-03-01", `erfakit.core.identity`) and kept by every later meeting file, action list
    and register, so its `history` can be followed across meetings and afdelinger.
    """

    id: str = Field(default_factory=new_id)
    text: str
    theme: Theme
    responsible_function: Function | None = None
    responsible_person: str = ""
    deadline: dt.date | None = None
    status: AgreementStatus = AgreementStatus.OPEN
    origin: Origin
    origin_meeting: str = ""
    """Which meeting an earlier agreement comes from, e.g. "Erfaringsgruppe 3 (12. maj 2026)"."""
    made_on: dt.date | None = None
    """The date of the meeting where it was made (None when an imported list did not say)."""
    history: list[StatusChange] = Field(default_factory=list)
    """Every later meeting's status, note and new deadline, oldest first; at most one per meeting date."""
    former_id: str = ""
    """Its id in a version-1 file (random), kept so the register can join it with copies made then."""


class Partner(_Model):
    """One external partner named by one function, placed in one column of the grid."""

    id: str = Field(default_factory=new_id)
    function: Function
    category: PartnerCategory
    name: str
    activity: str = ""
    status: PartnerStatus = PartnerStatus.EXISTING


class CompositionRow(_Model):
    """Residents and board members in one category of one dimension (e.g. Alder / 18-29 år).

    `residents` is a count of adult residents, or a percentage when the composition's
    `residents_unit` is "percent". `board` is a count of board members.
    """

    dimension: str
    category: str
    residents: float = Field(ge=0)
    board: float = Field(default=0, ge=0)


class Composition(_Model):
    """The analyst's composition data for Øvelse 1 B."""

    residents_source: str = ""
    board_source: str = ""
    residents_unit: Literal["count", "percent"] = "count"
    rows: list[CompositionRow] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """Notes the analyst's import made, e.g. that children were left out of the comparison."""
    populations: dict[str, Literal["adults", "all_ages"]] = Field(default_factory=dict)
    """Whom a dimension's resident counts cover, where the file told (a cross-table with age):
    "adults" (18+) or "all_ages" (children included). Other dimensions are judged from the totals."""
    children: float = Field(default=0, ge=0)
    """Residents in the age bands under 18 the import left out (a count, or a percentage); 0 if none
    were given. With the age dimension's adults it tells whether another dimension includes children."""
    suppressed: dict[str, list[str]] = Field(default_factory=dict)
    """Per dimension, the categories the source suppressed (".."): shares are computed without them."""
    sensitive_dimensions: list[str] = Field(default_factory=lambda: ["Herkomst"])
    """Dimensions whose small board counts (under 3) are not shown in the meeting or the report."""
    show_small_counts: bool = False
    """The analyst's decision to show small board counts anyway; needs `show_small_counts_reason`."""
    show_small_counts_reason: str = ""

    @model_validator(mode="after")
    def _small_counts_need_a_reason(self) -> Composition:
        if self.show_small_counts and not self.show_small_counts_reason.strip():
            raise ValueError("show_small_counts needs show_small_counts_reason")
        return self


class PlannedMeeting(_Model):
    """One concrete date of the meeting plan; editable by hand.

    `uid` is its calendar identity: kept when the date moves, when the plan is made anew and when
    the plan travels on to the next meeting file, so a re-exported calendar updates the same events.
    """

    uid: str = Field(default_factory=lambda: f"{new_id()}@erfakit")
    date: dt.date
    start_time: dt.time = dt.time(14, 0)
    place: str = ""
    note: str = ""


class ClosurePeriod(_Model):
    """Days the organisation or the group cannot meet, from `start` to `end` (both included)."""

    start: dt.date
    end: dt.date
    label: str = ""
    """What the period is ("Sommerferie", "Juleferie"); shown as the reason a date moved."""

    @model_validator(mode="after")
    def _in_order(self) -> ClosurePeriod:
        if self.end < self.start:
            raise ValueError("a closure period ends before it starts")
        return self


class MeetingPlan(_Model):
    """Øvelse 3's meeting frequency for the next half year and the dates it became."""

    interval: Literal["2w", "4w", "6w", "8w", "monthly"] | None = None
    weekday: int = Field(default=1, ge=0, le=6)
    """Monday is 0, as in `datetime.date.weekday()`."""
    start_time: dt.time = dt.time(14, 0)
    duration_minutes: int = Field(default=120, ge=15, le=600)
    place: str = ""
    first_date: dt.date | None = None
    months: int = Field(default=6, ge=1, le=24)
    closure_days: list[dt.date] = Field(default_factory=list)
    closure_periods: list[ClosurePeriod] = Field(default_factory=list)
    dates: list[PlannedMeeting] = Field(default_factory=list)
    cancelled: list[PlannedMeeting] = Field(default_factory=list)
    """Dates taken out of the plan after it was made: the calendar cancels their events."""


class Project(_Model):
    """A joint project the group wants to run, with its owner; followed up like an agreement."""

    id: str = Field(default_factory=new_id)
    title: str
    owner_function: Function | None = None
    owner_person: str = ""
    deadline: dt.date | None = None
    status: AgreementStatus = AgreementStatus.OPEN
    made_on: dt.date | None = None
    history: list[StatusChange] = Field(default_factory=list)
    former_id: str = ""


class Topics(_Model):
    """Øvelse 3's discussion: what to meet about, what the group wants to know, joint projects."""

    meet_about: str = ""
    want_to_know: str = ""
    projects: list[Project] = Field(default_factory=list)


def default_agenda(kind: MeetingKind = MeetingKind.ERFARINGSGRUPPE4) -> dict[PartId, int]:
    """Minutes per part: the guide's two hours, or a koordinationsmøde's 90 minutes."""
    if kind == MeetingKind.KOORDINATION:
        return {
            PartId.STATUS: 35,
            PartId.EMNER: 25,
            PartId.PROJEKTER: 10,
            PartId.NYE_AFTALER: 15,
            PartId.NAESTE: 5,
        }
    return {
        PartId.VELKOMMEN: 15,
        PartId.OVELSE1: 40,
        PartId.OVELSE2: 35,
        PartId.OVELSE3: 25,
        PartId.AFSLUTNING: 5,
    }


class Display(_Model):
    """How the forms are shown (stored so the projector set-up survives a restart)."""

    large_text: bool = False
    high_contrast: bool = False


class Session(_Model):
    """Everything one meeting produces. Its JSON form is the meeting file."""

    schema_version: Literal[2] = SCHEMA_VERSION
    kind: MeetingKind = MeetingKind.ERFARINGSGRUPPE4
    meeting: Meeting
    participants: list[Participant] = Field(default_factory=list)
    since_last: dict[Function, str] = Field(default_factory=dict)
    """Velkommen: what each function has discussed about genhusning and fællesarealer since."""
    answers: dict[str, str] = Field(default_factory=dict)
    """Free-text answers keyed by the question ids of `erfakit.core.guide`."""
    composition: Composition | None = None
    partners: list[Partner] = Field(default_factory=list)
    dismissed_merges: list[tuple[str, str]] = Field(default_factory=list)
    """Pairs of partner names the tovholder said are not the same partner."""
    agreements: list[Agreement] = Field(default_factory=list)
    plan: MeetingPlan = Field(default_factory=MeetingPlan)
    topics: Topics = Field(default_factory=Topics)
    agenda: dict[PartId, int] = Field(default_factory=default_agenda)
    display: Display = Field(default_factory=Display)

    @model_validator(mode="before")
    @classmethod
    def _defaults_from_the_meeting(cls, data: object) -> object:
        """A meeting built without a plan plans on its own weekday and time (not Tuesday 14.00), and a
        koordinationsmøde built without an agenda gets its own parts."""
        if not isinstance(data, dict):
            return data
        meeting = data.get("meeting")
        if isinstance(meeting, dict):
            try:
                meeting = Meeting.model_validate(meeting)
            except ValueError:
                return data  # the field's own validation names what is wrong with it
        if "plan" not in data and isinstance(meeting, Meeting):
            data = {
                **data,
                "plan": MeetingPlan(
                    weekday=meeting.date.weekday(),
                    start_time=meeting.start_time,
                    duration_minutes=meeting.duration_minutes,
                ),
            }
        if "agenda" not in data and data.get("kind") in (MeetingKind.KOORDINATION, MeetingKind.KOORDINATION.value):
            data = {**data, "agenda": default_agenda(MeetingKind.KOORDINATION)}
        return data
