"""A meeting file in a few readable lines, for `erfakit show` and the analyst's checks."""

from __future__ import annotations

from erfakit.core.formatting import format_date, format_time
from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import Origin, Session, Theme
from erfakit.core.people import participants_by_function
from erfakit.texts import label, text


def answered_count(session: Session) -> int:
    """How many of the guide's questions have an answer (text that is not only spaces)."""
    return sum(1 for key in ANSWER_IDS if session.answers.get(key, "").strip())


def summarize_session(session: Session, lang: str = "da") -> list[str]:
    """Lines describing ``session``: facts, participants by function, what has been filled in."""
    meeting = session.meeting
    lines = [
        f"{meeting.group} – {meeting.afdeling}",
        text(
            "summary.when_where",
            lang,
            date=format_date(meeting.date, lang, weekday=True),
            time=format_time(meeting.start_time, lang),
            minutes=meeting.duration_minutes,
            place=meeting.place or "–",
        ),
        text("summary.tovholder", lang, name=meeting.tovholder or "–"),
        text("summary.participants", lang, count=len(session.participants)),
    ]
    for function, members in participants_by_function(session.participants).items():
        people = [p.name or "–" for p in members]
        lines.append(f"  {label(function, lang):<14} {', '.join(people) if people else text('summary.nobody', lang)}")
    lines.append(text("summary.answers", lang, answered=answered_count(session), total=len(ANSWER_IDS)))
    composition = session.composition
    if composition is None or not composition.rows:
        lines.append(text("summary.no_composition", lang))
    else:
        dimensions = list(dict.fromkeys(row.dimension for row in composition.rows))
        lines.append(text("summary.composition", lang, dimensions=", ".join(dimensions)))
    lines.append(text("summary.partners", lang, count=len(session.partners)))
    earlier = sum(1 for a in session.agreements if a.origin == Origin.EARLIER)
    lines.append(
        text(
            "summary.agreements",
            lang,
            count=len(session.agreements),
            earlier=earlier,
            today=len(session.agreements) - earlier,
        )
    )
    for theme in Theme:
        count = sum(1 for a in session.agreements if a.theme == theme)
        lines.append(f"  {label(theme, lang):<34} {count}")
    dates = ", ".join(format_date(planned.date, lang) for planned in session.plan.dates)
    lines.append(text("summary.plan", lang, dates=dates or "–"))
    return lines
