"""The identity of agreements and projects: a readable id from the meeting where each was made.

An id is the afdeling's short code, the meeting's date and a number: "A7-2026-12-03-01" for the first
agreement made at Afdeling 7's meeting on 3 December 2026, "A7-2026-12-03-P01" for its first joint
project. It reads aloud, sorts by date in Excel, and is given once: every later meeting file, action
list and register keeps it, so an agreement's history can be followed across meetings.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable

from erfakit.core.formatting import format_date
from erfakit.core.model import Session

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "AE", "Ø": "OE", "Å": "AA"})
_NUMBERED = re.compile(r"^\s*(?:afdeling|afd\.?|department|dept\.?)?\s*(\d{1,6}[a-z]?)\b", re.IGNORECASE | re.ASCII)
_MAX_NAME_CODE = 12
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "january"),
            ("februar", "february"),
            ("marts", "march"),
            ("april",),
            ("maj", "may"),
            ("juni", "june"),
            ("juli", "july"),
            ("august",),
            ("september",),
            ("oktober", "october"),
            ("november",),
            ("december",),
        ),
        start=1,
    )
    for name in names
}
_REFERENCE_DATE = re.compile(r"(\d{1,2})\.?\s+([a-zæøå]+)\s+(\d{4})", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SHORT_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def afdeling_code(afdeling: str) -> str:
    """The afdeling as the short code ids begin with: "Afdeling 7 – Lærkeparken" → "A7".

    A name that starts with a number ("Afdeling 12", "Afd. 607B", "12 Solbakken") gives "A" and the
    number (afdeling numbers are unique within a housing organisation); any other name its letters
    and digits, Danish letters spelled out, at most 12 ("Lærkeparken" → "LAERKEPARKEN"); an empty
    name "AFD".
    """
    match = _NUMBERED.match(afdeling)
    if match:
        return "A" + match.group(1).upper()
    spelled = unicodedata.normalize("NFKD", afdeling.translate(_DANISH))
    letters = re.sub(r"[^A-Za-z0-9]", "", spelled.encode("ascii", "ignore").decode("ascii")).upper()
    return letters[:_MAX_NAME_CODE] or "AFD"


def id_prefix(afdeling: str, made_on: dt.date, *, project: bool = False) -> str:
    """What every id made at one meeting starts with: "A7-2026-12-03-" ("A7-2026-12-03-P" for projects)."""
    return f"{afdeling_code(afdeling)}-{made_on.isoformat()}-{'P' if project else ''}"


def item_id(afdeling: str, made_on: dt.date, number: int, *, project: bool = False) -> str:
    """The id of the `number`-th agreement (or project) made at a meeting: "A7-2026-12-03-01"."""
    return f"{id_prefix(afdeling, made_on, project=project)}{number:02d}"


def _numbers(ids: Iterable[str], prefix: str) -> list[int]:
    return [int(tail) for key in ids if key.startswith(prefix) and (tail := key[len(prefix) :]).isdigit()]


def next_item_id(
    session: Session, *, project: bool = False, made_on: dt.date | None = None, taken: Collection[str] = ()
) -> str:
    """The id for an agreement (or project) made now at `session`'s meeting (or at `made_on`).

    One more than the highest number already used with the same prefix in the file or in `taken`
    (ids given out earlier and perhaps deleted since: a form's undo may bring them back), so a
    number is never given twice.
    """
    made_on = made_on or session.meeting.date
    prefix = id_prefix(session.meeting.afdeling, made_on, project=project)
    existing = [a.id for a in session.agreements] + [p.id for p in session.topics.projects] + list(taken)
    return item_id(session.meeting.afdeling, made_on, max(_numbers(existing, prefix), default=0) + 1, project=project)


def is_readable_id(value: str) -> bool:
    """Whether `value` is an id of the readable kind ("A7-2026-12-03-01", "A7-2026-12-03-P01")."""
    return re.fullmatch(r"[A-Z0-9]+-\d{4}-\d{2}-\d{2}-P?\d{2,}", value) is not None


def reference_date(reference: str) -> dt.date | None:
    """The date in how a meeting is named: "Erfaringsgruppe 3 (24. september 2026)" → 2026-09-24.

    Also "3 December 2026", "03.12.2026" and "2026-12-03"; None when `reference` holds no date.
    """
    iso = _ISO_DATE.search(reference)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    short = _SHORT_DATE.search(reference)
    if short:
        try:
            return dt.date(int(short.group(3)), int(short.group(2)), int(short.group(1)))
        except ValueError:
            return None
    for match in _REFERENCE_DATE.finditer(reference):
        month = _MONTHS.get(match.group(2).lower())
        if month is None:
            continue
        try:
            return dt.date(int(match.group(3)), month, int(match.group(1)))
        except ValueError:
            continue
    return None


def meeting_reference(session: Session, lang: str = "da") -> str:
    """How later meetings name this one: "Erfaringsgruppe 4 – videre forløb (26. november 2026)"."""
    return f"{session.meeting.group} ({format_date(session.meeting.date, lang)})"


def assign_missing_ids(session: Session) -> Session:
    """`session` with an id for every agreement and project that has none (an imported list without
    an Id column): from the meeting it was made at when known (`made_on`, or the date its
    `origin_meeting` names), else from this meeting. Changes `session` in place and returns it."""
    for agreement in session.agreements:
        if not agreement.id.strip():
            made_on = agreement.made_on or reference_date(agreement.origin_meeting)
            agreement.id = next_item_id(session, made_on=made_on)
    for project in session.topics.projects:
        if not project.id.strip():
            project.id = next_item_id(session, project=True, made_on=project.made_on)
    return session
