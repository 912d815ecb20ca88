"""Velkommen: the earlier meetings' agreements by theme, what each function has done since, the frame."""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets

from erfakit.core.agreements import agreement_line, group_agreements_by_theme
from erfakit.core.formatting import format_date, format_time
from erfakit.core.model import Agreement, Function, Origin, PartId
from erfakit.core.people import participants_by_function
from erfakit.core.schedule import agenda_problems, agenda_slots, agenda_total, fit_agenda
from erfakit.texts import label, text
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_click
from erfakit.ui.fields import bound_text, full_width, heading, help_text, styled


def build_velkommen(ctx: MeetingContext) -> widgets.VBox:
    """The welcome screen: recap of the last meeting, what has happened since, today's plan."""
    lang = ctx.lang
    earlier = styled(widgets.HTML(layout=full_width()), "erfakit-earlier-agreements")

    def show_earlier() -> None:
        earlier.value = earlier_agreements_html(ctx.session.agreements, lang)

    show_earlier()
    ctx.on(Topic.AGREEMENTS, show_earlier)
    # The guide's order, with the first field on the first screen: the purpose in three lines, the
    # recap, the question with its fields; today's plan and the meeting's frame below.
    return widgets.VBox(
        [
            purpose_html(lang),
            heading(text("meeting.velkommen.recap_heading", lang), level=3),
            help_text(f"{text('guide.velkommen.recap', lang)} {text('guide.velkommen.agreed', lang)}"),
            earlier,
            heading(text("guide.velkommen.since", lang), level=3),
            help_text(text("meeting.velkommen.since_help", lang)),
            *since_fields(ctx),
            heading(text("meeting.velkommen.today_heading", lang), level=3),
            help_text(text("guide.velkommen.today", lang)),
            build_agenda(ctx),
            heading(text("meeting.frame.heading", lang), level=3),
            frame_html(ctx),
        ],
        layout=full_width(),
    )


def purpose_html(lang: str) -> widgets.HTML:
    """The meeting's purpose and the AlmenNet guide's two recommendations it works on."""
    items = "".join(f"<li>{html.escape(text(f'guide.recommendation{n}', lang))}</li>" for n in (1, 2))
    return styled(
        widgets.HTML(
            f"<div><b>{html.escape(text('guide.purpose_heading', lang))}</b> "
            f"{html.escape(text('guide.purpose', lang))}<ol>{items}</ol>"
            f"{html.escape(text('guide.purpose_format', lang))}</div>",
            layout=full_width(),
        ),
        "erfakit-purpose",
    )


def earlier_agreements_html(agreements: list[Agreement], lang: str) -> str:
    """The earlier meetings' agreements grouped by theme, as escaped HTML."""
    earlier = [agreement for agreement in agreements if agreement.origin == Origin.EARLIER]
    if not earlier:
        return f"<p class='erfakit-help'>{html.escape(text('meeting.velkommen.no_earlier', lang))}</p>"
    rows: list[str] = []
    for theme, items in group_agreements_by_theme(earlier).items():
        rows.extend(
            f"<li><b>{html.escape(label(theme, lang))}:</b> {html.escape(agreement_line(item, lang, with_theme=False))}"
            f" <span class='erfakit-status'>[{html.escape(label(item.status, lang))}]</span>"
            + (f" <i>– {html.escape(item.origin_meeting)}</i>" if item.origin_meeting else "")
            + "</li>"
            for item in items
        )
    return f"<ul class='erfakit-earlier-list'>{''.join(rows)}</ul>"


def since_fields(ctx: MeetingContext) -> list[widgets.Widget]:
    """One free-text field per function: what it has discussed about genhusning and fællesarealer."""
    fields: list[widgets.Widget] = []
    for function in Function:
        area = bound_text(
            ctx,
            f"since/{function.value}",
            placeholder=text("meeting.velkommen.since_placeholder", ctx.lang, function=label(function, ctx.lang)),
            rows=2,
            css=f"erfakit-since-{function.value}",
        )
        fields.append(
            widgets.VBox([widgets.HTML(f"<b>{html.escape(label(function, ctx.lang))}</b>"), area], layout=full_width())
        )
    return fields


def frame_html(ctx: MeetingContext) -> widgets.HTML:
    """The meeting's frame: when, where, how long, props, participants by function."""
    lang = ctx.lang
    meeting = ctx.session.meeting
    facts = [
        (
            text("meeting.frame.when", lang),
            f"{format_date(meeting.date, lang, weekday=True)} {format_time(meeting.start_time, lang)}",
        ),
        (text("meeting.frame.duration", lang), text("meeting.minutes", lang, minutes=meeting.duration_minutes)),
        (text("meeting.frame.place", lang), meeting.place or text("guide.frame", lang)),
        (text("meeting.frame.tovholder", lang), meeting.tovholder),
    ]
    rows = "".join(
        f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>" for name, value in facts if value
    )
    people = "".join(
        f"<tr><th>{html.escape(label(function, lang))}</th>"
        f"<td>{html.escape(', '.join(p.name or '–' for p in members) or '–')}</td></tr>"
        for function, members in participants_by_function(ctx.session.participants).items()
    )
    return styled(
        widgets.HTML(
            f"<table class='erfakit-facts'>{rows}</table>"
            f"<p class='erfakit-help'>{html.escape(text('guide.props', lang))}</p>"
            f"<h4>{html.escape(text('meeting.frame.participants', lang))}</h4>"
            f"<table class='erfakit-facts erfakit-participants'>{people}</table>",
            layout=full_width(),
        ),
        "erfakit-frame",
    )


def build_agenda(ctx: MeetingContext) -> widgets.VBox:
    """Minutes per part with each part's time on the clock, and whether they add up to the meeting.

    When they do not, one click spreads the meeting's minutes over the parts in the same proportions.
    """
    lang = ctx.lang
    meeting = ctx.session.meeting
    total = styled(widgets.HTML(), "erfakit-agenda-total")
    message = MessageArea(lang)
    fit = styled(
        widgets.Button(
            description=text("meeting.agenda.fit", lang, minutes=meeting.duration_minutes),
            icon="arrows-h",
            layout=widgets.Layout(width="auto"),
        ),
        "erfakit-agenda-fit",
    )
    fields: dict[PartId, widgets.BoundedIntText] = {}
    clocks: dict[PartId, widgets.HTML] = {}

    def show_total() -> None:
        problems = agenda_problems(ctx.session.agenda, meeting.duration_minutes, lang)
        if problems:
            items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
            total.value = f"<ul class='erfakit-warning'>{items}</ul>"
        else:
            minutes = agenda_total(ctx.session.agenda)
            ok = text("meeting.agenda.total_ok", lang, minutes=minutes)
            total.value = f"<span class='erfakit-info'>{html.escape(ok)}</span>"
        fit.layout.display = None if problems else "none"
        start = dt.datetime.combine(meeting.date, meeting.start_time)
        for slot in agenda_slots(ctx.session.agenda, start):
            clocks[slot.part].value = html.escape(slot.clock_text(lang))

    def fit_to_meeting() -> None:
        fitted = fit_agenda(ctx.session.agenda, meeting.duration_minutes)
        for part, minutes in fitted.items():
            fields[part].value = minutes  # each field stores its part and announces the change

    rows = []
    for part in PartId:
        field = styled(
            widgets.BoundedIntText(
                value=ctx.session.agenda.get(part, 0),
                min=0,
                max=600,
                description=label(part, lang),
                style={"description_width": "22em"},
                layout=widgets.Layout(width="30em"),
            ),
            f"erfakit-agenda-{part.value}",
        )

        def store(value: object, part: PartId = part) -> None:
            ctx.session.agenda[part] = int(str(value))
            ctx.changed(Topic.AGENDA)

        field.observe(ctx.observer(store), names="value")
        fields[part] = field
        clocks[part] = styled(widgets.HTML(), "erfakit-agenda-clock", f"erfakit-agenda-clock-{part.value}")
        rows.append(widgets.HBox([field, clocks[part]], layout=widgets.Layout(align_items="center")))
    on_click(fit, message, fit_to_meeting)
    ctx.on(Topic.AGENDA, show_total)
    show_total()
    return widgets.VBox([heading(text("meeting.agenda.title", lang), level=4), *rows, total, fit, message.widget])
