"""The meeting forms as a tovholder uses them: type into a field, pick from a list, click a button.

Selectors are the CSS classes the UI documents in `erfakit/ui/README.md` (`erfakit-<area>-<thing>`);
nothing here reaches into the kernel. The same functions drive JupyterLab and the app mode.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from erfakit.core.formatting import format_date
from erfakit.core.guide import OVELSE1_SECTIONS
from erfakit.core.model import Function, PartnerCategory, Session, Theme
from erfakit.texts import label

UI_TIMEOUT_MS = 15_000
# The parts after the first are built in the background; on a loaded machine one can take long.
PART_BUILT_TIMEOUT_MS = 180_000
SAVE_TIMEOUT_S = 10


def css_id(question_id: str) -> str:
    """A question id as the UI spells it in a class name: dots become dashes."""
    return question_id.replace(".", "-")


@dataclass(frozen=True)
class TypedAgreement:
    text: str
    function: Function
    person: str
    deadline: dt.date


@dataclass(frozen=True)
class TypedPartner:
    function: Function
    category: PartnerCategory
    name: str
    activity: str


@dataclass(frozen=True)
class TypedProject:
    title: str
    function: Function
    person: str


# What the tovholder types, in one place, so the checks after a crash compare with the same text.
SINCE_LAST = {
    Function.BOLIGSOCIAL: "Caféaften om genhusning i beboerhuset; 35 beboere kom.",
    Function.DRIFT: "Legepladsen ved blok C er flyttet bag vaskeriet.",
    Function.BYGGETEKNISK: "Etape 1 er forsinket to uger; hegnet flyttes i januar.",
    Function.GENHUSNING: "28 husstande er genhuset; tre familier har fået ekstra besøg.",
    Function.UDLEJNING: "Ledige boliger holdes tilbage til genhusning efter fast aftale.",
}

ANSWERS = {
    "o1.a.role": "De er bindeleddet til beboerne & godkender store beslutninger.",
    "o1.a.interests": "Mest de ældre beboere <især i blok A>.",
    "o1.a.how": "Byggeudvalgsmøde hver måned og afdelingsmøde to gange om året.",
    "o1.b.good": "Når vi inddrager dem tidligt og giver dem tid.",
    "o1.b.composition": "Bestyrelsen er ældre end beboerne; ingen under 30 år.",
    "o1.b.resources": "Lokalkendskab og netværk i de ældste blokke.",
    "o1.b.competences": "Budgetter og husorden; ønsker viden om byggeprocessen.",
    "o1.c.development": "Kursus i byggesager og en mentorordning for nye medlemmer.",
    "o1.c.contribute": "Helhedsplanen stiller en facilitator til rådighed.",
}
assert set(ANSWERS) == {q for section in OVELSE1_SECTIONS for q in section.questions}

AGREEMENTS = (
    TypedAgreement(
        "Vi tager på studietur med afdelingsbestyrelsen til Solbakken i foråret.",
        Function.BOLIGSOCIAL,
        "Yasmin Aziz",
        dt.date(2027, 4, 30),
    ),
    TypedAgreement(
        "Driften fortæller om beboerdemokratiet ved hvert beboerbesøg.",
        Function.DRIFT,
        "Henrik Lund",
        dt.date(2027, 2, 1),
    ),
)

SHARED_PARTNER = "Københavns Kommune"
NEAR_DUPLICATES = ("Lærkeparkens Beboerforening", "Lærkeparken Beboerforening")

PARTNERS = (
    TypedPartner(Function.BOLIGSOCIAL, PartnerCategory.MYNDIGHEDER, SHARED_PARTNER, "Fællesmøder om tryghed"),
    TypedPartner(Function.BOLIGSOCIAL, PartnerCategory.FORENINGER, NEAR_DUPLICATES[0], "Sommerfest"),
    TypedPartner(Function.BOLIGSOCIAL, PartnerCategory.INSTITUTIONER, "Lærkeskolen", "Lektiecafé"),
    TypedPartner(Function.DRIFT, PartnerCategory.MYNDIGHEDER, SHARED_PARTNER, "Affaldsordning"),
    TypedPartner(Function.DRIFT, PartnerCategory.BEBOERNETVAERK, "Haveklubben", "Fælleshaver"),
    TypedPartner(
        Function.BYGGETEKNISK, PartnerCategory.MYNDIGHEDER, "Teknik- og Miljøforvaltningen", "Byggetilladelser"
    ),
    TypedPartner(
        Function.BYGGETEKNISK, PartnerCategory.INSTITUTIONER, "Erhvervsskolen Nord", "Lærlinge på byggepladsen"
    ),
    TypedPartner(Function.GENHUSNING, PartnerCategory.INSTITUTIONER, "Plejecenter Lærkely", "Genhusning af ældre"),
    TypedPartner(Function.GENHUSNING, PartnerCategory.BEBOERNETVAERK, "Mødrenetværket", "Information om flytning"),
    TypedPartner(Function.UDLEJNING, PartnerCategory.MYNDIGHEDER, "Jobcenter København", "Boligsociale anvisninger"),
    TypedPartner(Function.UDLEJNING, PartnerCategory.FORENINGER, NEAR_DUPLICATES[1], "Velkomst af nye beboere"),
)

OVELSE2_ANSWERS = {
    "o2.shared": "Kommunen bruges af både helhedsplanen og driften; vi deler kontaktpersoner.",
    "o2.establish": "Ældrerådet og den lokale idrætsforening inden etape 2.",
}

PLAN_INTERVAL_LABEL = "Hver 4. uge"
PLAN_WEEKDAY_LABEL = "torsdag"
PLAN_FIRST_DATE = dt.date(2027, 1, 14)

TOPICS_MEET_ABOUT = "Etape 2 og genhusningen af de ældre beboere."
TOPICS_WANT_TO_KNOW = "Hvornår kan beboerne flytte tilbage?"
PROJECT = TypedProject("Fælles infomøde om etape 2", Function.BYGGETEKNISK, "Sofie Kragh")


_SCROLL_TO_JS = """
([element, offset]) => {
  element.scrollIntoView({block: "start"});
  let node = element.parentElement;
  while (node && !["auto", "scroll"].includes(getComputedStyle(node).overflowY)) { node = node.parentElement; }
  (node || document.scrollingElement).scrollBy(0, -offset);
}
"""


def shoot(page: Page, folder: Path, name: str, target: Locator | None = None, *, above: int = 0) -> Path:
    """A projector-sized screenshot; with ``target``, scrolled so it starts ``above`` pixels from the top."""
    if target is not None:
        handle = target.first.element_handle()
        page.evaluate(_SCROLL_TO_JS, [handle, above])
        page.wait_for_timeout(300)
    path = folder / f"{name}.png"
    page.screenshot(path=path)
    return path


# --- small gestures --------------------------------------------------------------------------


def re_class(name: str) -> re.Pattern[str]:
    """A pattern matching a class attribute that holds the class ``name``."""
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def within(page: Page, part: str) -> Locator:
    """The screen of one part (e.g. "ovelse1"); locators under it cannot hit another part's fields."""
    return page.locator(f".erfakit-part-{part}")


def go_to(page: Page, part: str) -> Locator:
    """Click the part's button in the navigation bar and return its (now visible) screen."""
    page.locator(f"button.erfakit-nav-{part}").first.click()
    screen = within(page, part)
    expect(screen.first).to_be_visible(timeout=UI_TIMEOUT_MS)
    return screen.first


def type_text(field: Locator, value: str) -> None:
    """Type into a text field as a person would: replace what is there; the kernel gets each change."""
    field.click()
    field.fill(value)
    expect(field).to_have_value(value)


def pick(select: Locator, visible_label: str) -> None:
    """Choose an option of a dropdown by what it shows."""
    select.select_option(label=visible_label)


def set_date(field: Locator, value: dt.date) -> None:
    """Type a date as Danes write it into a date field and leave it; it then shows the date in words."""
    field.fill(f"{value.day}.{value.month}.{value.year}")
    field.press("Tab")
    expect(field).to_have_value(format_date(value, "da"), timeout=UI_TIMEOUT_MS)


def wait_for_file(path: Path, condition: Callable[[Session], bool], what: str) -> Session:
    """Wait until the meeting file on disk satisfies ``condition`` (the autosave is asynchronous)."""
    from erfakit.io.meeting_file.document import load_session

    deadline = time.monotonic() + SAVE_TIMEOUT_S
    session = None
    while time.monotonic() < deadline:
        try:
            session = load_session(path)
        except Exception:  # noqa: BLE001 - a read racing a write: try again
            session = None
        if session is not None and condition(session):
            return session
        time.sleep(0.25)
    raise AssertionError(f"the meeting file {path} did not get {what} within {SAVE_TIMEOUT_S} s")


# --- the parts ---------------------------------------------------------------------------------


def fill_velkommen(page: Page) -> None:
    """Type what each function has discussed since last time."""
    screen = go_to(page, "velkommen")
    for function, value in SINCE_LAST.items():
        type_text(screen.locator(f".erfakit-since-{function.value} textarea"), value)


def fill_answers(page: Page, part: str, answers: dict[str, str]) -> None:
    """Type the answer to each question of a part."""
    screen = go_to(page, part)
    for question, value in answers.items():
        type_text(screen.locator(f".erfakit-answer-{css_id(question)} textarea"), value)


def add_agreement(page: Page, part: str, agreement: TypedAgreement, theme: Theme | None = None) -> None:
    """Enter one agreement in a part's agreement editor and click "Tilføj aftale"."""
    editor = within(page, part).locator(f".erfakit-agreements-{part}")
    type_text(editor.locator(".erfakit-agreement-text textarea"), agreement.text)
    if theme is not None:
        pick(editor.locator(".erfakit-agreement-theme select"), label(theme))
    pick(editor.locator(".erfakit-agreement-function select"), label(agreement.function))
    type_text(editor.locator(".erfakit-agreement-person input"), agreement.person)
    set_date(editor.locator(".erfakit-agreement-deadline input"), agreement.deadline)
    editor.locator("button.erfakit-agreement-add").click()
    expect(editor.locator(".erfakit-agreement-list select")).to_contain_text(agreement.text[:25], timeout=UI_TIMEOUT_MS)


def grid_cell(page: Page, partner: TypedPartner) -> Locator:
    """The grid cell a partner belongs in."""
    return page.locator(
        f".erfakit-grid td[data-function='{partner.function.value}'][data-category='{partner.category.value}']"
    )


def add_partner(page: Page, partner: TypedPartner) -> None:
    """Enter one partner in Øvelse 2 and see it appear in its cell of the grid."""
    screen = within(page, "ovelse2")
    pick(screen.locator(".erfakit-partner-function select"), label(partner.function))
    pick(screen.locator(".erfakit-partner-category select"), label(partner.category))
    type_text(screen.locator(".erfakit-partner-activity input"), partner.activity)
    type_text(screen.locator(".erfakit-partner-name input"), partner.name)
    screen.locator("button.erfakit-partner-add").click()
    expect(grid_cell(page, partner)).to_contain_text(partner.name, timeout=UI_TIMEOUT_MS)


def fill_ovelse2(page: Page) -> None:
    """Fill the grid with every partner of `PARTNERS`, then answer the exercise's two questions."""
    go_to(page, "ovelse2")
    for partner in PARTNERS:
        add_partner(page, partner)
    fill_answers(page, "ovelse2", OVELSE2_ANSWERS)


def fill_plan(page: Page) -> Locator:
    """Choose Øvelse 3's meeting frequency, weekday and first date; return the box of planned dates."""
    screen = go_to(page, "ovelse3")
    pick(screen.locator(".erfakit-plan-weekday select"), PLAN_WEEKDAY_LABEL)
    set_date(screen.locator(".erfakit-plan-first-date input"), PLAN_FIRST_DATE)
    pick(screen.locator(".erfakit-plan-interval select"), PLAN_INTERVAL_LABEL)
    dates = screen.locator(".erfakit-plan-dates")
    expect(dates.locator(".erfakit-plan-date").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    return dates


def fill_topics_and_project(page: Page) -> None:
    """Type what the group wants to meet about and know, and add one joint project."""
    screen = go_to(page, "ovelse3")
    type_text(screen.locator(".erfakit-topics-meet-about textarea"), TOPICS_MEET_ABOUT)
    type_text(screen.locator(".erfakit-topics-want-to-know textarea"), TOPICS_WANT_TO_KNOW)
    type_text(screen.locator(".erfakit-project-title input"), PROJECT.title)
    pick(screen.locator(".erfakit-project-function select"), label(PROJECT.function))
    type_text(screen.locator(".erfakit-project-person input"), PROJECT.person)
    screen.locator("button.erfakit-project-add").click()
    expect(screen.locator(".erfakit-project-list")).to_contain_text(PROJECT.title, timeout=UI_TIMEOUT_MS)


def assert_no_bug_shown(page: Page) -> None:
    """No form shows the kit's "unexpected error" box (a traceback meant for whoever set erfakit up)."""
    bugs = page.locator(".erfakit-bug")
    if bugs.count():
        raise AssertionError("the forms show an unexpected error:\n" + "\n---\n".join(bugs.all_inner_texts()))


# --- what must still be there -----------------------------------------------------------------


def assert_typed_so_far_is_shown(page: Page) -> None:
    """Every field of Velkommen, Øvelse 1 and 2 shows what was typed before."""
    screen = go_to(page, "velkommen")
    for function, value in SINCE_LAST.items():
        expect(screen.locator(f".erfakit-since-{function.value} textarea")).to_have_value(value)
    screen = go_to(page, "ovelse1")
    for question, value in ANSWERS.items():
        expect(screen.locator(f".erfakit-answer-{css_id(question)} textarea")).to_have_value(value)
    agreements = screen.locator(".erfakit-agreements-ovelse1 .erfakit-agreement-list select")
    for agreement in AGREEMENTS:
        expect(agreements).to_contain_text(agreement.text[:25])
    screen = go_to(page, "ovelse2")
    for partner in PARTNERS:
        expect(grid_cell(page, partner)).to_contain_text(partner.name)
    for question, value in OVELSE2_ANSWERS.items():
        expect(screen.locator(f".erfakit-answer-{css_id(question)} textarea")).to_have_value(value)
    expect(page.locator(".erfakit-shared-partners")).to_contain_text(SHARED_PARTNER)
