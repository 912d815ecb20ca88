"""The meeting file model of schema version 1, frozen as erfakit wrote it (erfakit/core/model.py at the
commit before version 2). The upgrade tests use it as the oracle of what a version-1 file was: every
file it accepted must upgrade to version 2 and mean the same. Do not change it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Final = 1


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


class PartId(StrEnum):
    """The parts of the meeting, in order; each has one screen and one time box."""

    VELKOMMEN = "velkommen"
    OVELSE1 = "ovelse1"
    OVELSE2 = "ovelse2"
    OVELSE3 = "ovelse3"
    AFSLUTNING = "afslutning"


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


class Agreement(_Model):
    """One agreement: an item of the action list."""

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
    """One concrete date of the meeting plan; editable by hand."""

    date: dt.date
    start_time: dt.time = dt.time(14, 0)
    place: str = ""
    note: str = ""


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
    dates: list[PlannedMeeting] = Field(default_factory=list)


class Project(_Model):
    """A joint project the group wants to run, with its owner."""

    id: str = Field(default_factory=new_id)
    title: str
    owner_function: Function | None = None
    owner_person: str = ""


class Topics(_Model):
    """Øvelse 3's discussion: what to meet about, what the group wants to know, joint projects."""

    meet_about: str = ""
    want_to_know: str = ""
    projects: list[Project] = Field(default_factory=list)


def default_agenda() -> dict[PartId, int]:
    """Minutes per part summing to the guide's two hours."""
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

    schema_version: Literal[1] = SCHEMA_VERSION
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
