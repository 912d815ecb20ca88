"""What the "never lose a word" tests share: typing across a killed kernel, the banner's clock, the check.

The tovholder types into three fields of three parts; the kernel is killed with SIGKILL half-way
through the third; she keeps typing 200 characters. The banner must appear within 2 s of the
kill and the header must not claim the file is saved; after the kernel comes back, every
character typed must be in the meeting file.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import meetingpage as m
from playwright.sync_api import Page, expect

BANNER_WITHIN_S = 2.0
SAVED_WORDS = ("Gemt", "Gemmer", "Alt er gemt")
"""What the save state must not say while nothing can be saved."""

# Watches the banner from inside the page: the moment it is shown, in the page's clock (ms since epoch).
WATCH_BANNER_JS = """
() => {
  window.__bannerShownAt = null;
  const seen = () => {
    const banner = document.querySelector(".erfakit-connection-banner");
    if (window.__bannerShownAt === null && banner && banner.style.display !== "none") {
      window.__bannerShownAt = Date.now();
    }
  };
  new MutationObserver(seen).observe(document.body, { subtree: true, attributes: true, childList: true });
  seen();
}
"""


@dataclass(frozen=True)
class Typed:
    """One field and what is typed into it before and after the kill."""

    part: str
    selector: str
    key: str
    """Where the text lands in the meeting file: "since_last/drift", "answers/o1.a.role", "topics/meet_about"."""
    before: str
    after: str = ""

    @property
    def text(self) -> str:
        return self.before + self.after


AFTER_KILL = (
    "Efter nedbruddet skriver tovholderen videre: beboerne vil have et fast infomøde hver måned, "
    "og driften lover svar inden for en uge. Æ, ø og å skal også med – i alt 200 tegn, og ingen af dem må gå tabt"
)
assert len(AFTER_KILL) == 200


def fields_to_type() -> tuple[Typed, Typed, Typed]:
    """Three fields in three parts; the last gets the 200 characters typed after the kill."""
    return (
        Typed("velkommen", ".erfakit-since-drift textarea", "since_last/drift", "Driften har flyttet legepladsen. "),
        Typed("ovelse1", ".erfakit-answer-o1-a-role textarea", "answers/o1.a.role", "De er bindeleddet til beboerne. "),
        Typed(
            "ovelse3",
            ".erfakit-topics-meet-about textarea",
            "topics/meet_about",
            "Etape 2 og genhusningen. ",
            AFTER_KILL,
        ),
    )


def in_file(session, key: str) -> str:
    """The text at ``key`` of a loaded meeting file."""
    kind, name = key.split("/", 1)
    if kind == "since_last":
        return session.since_last.get(name, "")
    if kind == "answers":
        return session.answers.get(name, "")
    return getattr(session.topics, name)


def wait_until_settled(page: Page, session_path: Path) -> None:
    """Wait until the kernel is past its first busy seconds, as it is minutes into a meeting.

    Right after the page opens the kernel builds the other parts and warms the report up; a keystroke
    typed then may still wait in its queue when the kernel is stopped (the browser's copy brings it
    back at the next opening, tested with the kills). The tests of the kernel's own flush at its end
    start once every part is built and a probe typed into Velkommen has reached the file.
    """
    expect(page.locator(".erfakit-part .erfakit-loading")).to_have_count(0, timeout=m.PART_BUILT_TIMEOUT_MS)
    probe = page.locator(".erfakit-since-boligsocial textarea")
    type_like_a_person(page, probe, "Klar.")
    m.wait_for_file(
        session_path, lambda s: s.since_last.get("boligsocial") == "Klar.", "the probe typed into Velkommen"
    )


def type_like_a_person(page: Page, field, words: str, delay_ms: int = 15) -> None:
    """Click into the field's end and type key by key (once its part is built)."""
    expect(field).to_be_visible(timeout=m.PART_BUILT_TIMEOUT_MS)
    field.click()
    page.keyboard.press("End")
    page.keyboard.press("Control+End")
    page.keyboard.type(words, delay=delay_ms)


def type_across_a_kill(page: Page, kill: Callable[[], object], fields: tuple[Typed, ...]) -> float:
    """Type ``before`` into each field; kill the kernel while the last one is being typed; go on typing.

    Returns the time of the kill (ms since the epoch, the page's clock is the machine's).
    """
    for typed in fields[:-1]:
        screen = m.go_to(page, typed.part)
        type_like_a_person(page, screen.locator(typed.selector), typed.before)
    last = fields[-1]
    screen = m.go_to(page, last.part)
    field = screen.locator(last.selector)
    # The part may still say "Indlæser …" while the kernel builds it; a kernel killed before then has no
    # field to type into (the banner says so). The kill is meant to land while the field is being typed.
    expect(field).to_be_visible(timeout=m.PART_BUILT_TIMEOUT_MS)
    page.evaluate(WATCH_BANNER_JS)
    killed_at: list[float] = []
    timer = threading.Timer(0.25, lambda: (killed_at.append(time.time() * 1000), kill()))
    timer.start()  # the kill lands while the keys of the last field are still going in
    type_like_a_person(page, field, last.before, delay_ms=25)
    timer.join()
    type_like_a_person(page, field, last.after, delay_ms=8)
    expect(field).to_have_value(last.text)
    return killed_at[0]


def assert_banner_and_no_saved_claim(page: Page, killed_at_ms: float) -> None:
    """The banner came within 2 s of the kill, stays, and the save state does not say saved."""
    banner = page.locator(".erfakit-connection-banner")
    expect(banner).to_be_visible(timeout=10_000)
    shown_at = page.evaluate("() => window.__bannerShownAt")
    assert shown_at is not None, "the banner was never shown"
    took = (shown_at - killed_at_ms) / 1000
    assert took <= BANNER_WITHIN_S, f"the banner came {took:.2f} s after the kill (at most {BANNER_WITHIN_S} s)"
    expect(banner).to_contain_text("gemmes i browseren")
    state = page.locator(".erfakit-save-state").first.inner_text()
    assert "IKKE GEMT" in state and not any(word in state for word in SAVED_WORDS), state
    # The banner must not hide the header bar: "IKKE GEMT", the clock and the navigation stay readable.
    covered = page.evaluate(
        """() => {
          const state = document.querySelector('.erfakit-save-state');
          const box = state.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return hit && !state.contains(hit) && !hit.contains(state) ? (hit.className || hit.tagName) : null;
        }"""
    )
    assert covered is None, f"the save state under the banner is covered by {covered}"


def assert_every_character_in_file(session_path: Path, fields: tuple[Typed, ...]) -> None:
    """Wait until the meeting file holds every field's whole text."""
    m.wait_for_file(
        session_path,
        lambda session: all(in_file(session, typed.key) == typed.text for typed in fields),
        "every character typed before and after the kill",
    )
