"""The organisation on one JupyterHub: tovholdere and an analyst, each afdeling's meetings private.

A real hub (deploy/jupyterhub/jupyterhub_config.py, PAM, the local process spawner, the idle
culler, configurable-http-proxy) on loopback, set up with deploy/jupyterhub's scripts, with real
Unix users and groups made for the test:

- Mette (tovholder, afdeling 7) and Jonas (tovholder, afdeling 7),
- Bo (tovholder, afdeling 12),
- Ane (analyst, both afdelinger), who prepares the meeting files with `erfakit new`.

Everything goes through the hub in Chromium, as the people would: log in, pick the afdeling and the
meeting on the landing page, type. Files are checked on disk, as root.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import hubsite
import pytest
from hubsite import NAME_PREFIX, HubSite, HubUser
from playwright.sync_api import Browser, Page, expect

from erfakit.io.meeting_file import lock

pytestmark = [pytest.mark.hub, pytest.mark.slow]

UI_TIMEOUT_MS = 60_000
DISK_TIMEOUT_S = 15
expect.set_options(timeout=UI_TIMEOUT_MS)
TYPED = 'Legepladsen ved blok C flyttes – "hegnet" & <b>ikke</b> $x$ før jul.'


@pytest.fixture(scope="module")
def org(hub_site: HubSite) -> Iterator[HubSite]:
    """Two afdelinger, four people, the analyst's meeting files, and the hub running."""
    site = hub_site
    site.add_afdeling("afdeling-7")
    site.add_afdeling("afdeling-12")
    site.add_user("mette", "Mette Hansen", "afdeling-7")
    site.add_user("jonas", "Jonas Berg", "afdeling-7")
    site.add_user("bo", "Bo Jensen", "afdeling-12")
    analyst = site.add_user("ane", "Ane Larsen", "afdeling-7", "afdeling-12")
    new_meeting(site, analyst, "afdeling-7", "moede.json", "Afdeling 7 – Lærkeparken", "3.12.2026")
    new_meeting(site, analyst, "afdeling-7", "opfoelgning.json", "Afdeling 7 – Lærkeparken", "4.3.2027")
    new_meeting(site, analyst, "afdeling-12", "moede.json", "Afdeling 12 – Solbakken", "4.12.2026")
    new_meeting(site, analyst, "afdeling-12", "laast.json", "Afdeling 12 – Solbakken", "5.12.2026")
    # A file the analyst left without group write (as an editor with umask 022 would): readable only.
    (site.shared_root / "afdeling-12" / "laast.json").chmod(0o640)
    site.start()
    yield site


def new_meeting(site: HubSite, analyst: HubUser, folder: str, name: str, afdeling: str, date: str) -> None:
    """The analyst prepares a meeting file in the afdeling's shared folder, as her own Unix user."""
    result = site.as_user(
        analyst,
        ["erfakit", "new", name, "--afdeling", afdeling, "--dato", date, "--tid", "13:00", "--sted",
         "Hovedkontoret", "-d", "Drift:Henrik Lund", "-d", "Boligsocial"],
        cwd=site.shared_root / folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def log_in(browser: Browser, site: HubSite, user: HubUser) -> Page:
    """A fresh browser for ``user``, logged in at the hub, on the landing page."""
    return hubsite.log_in(browser, site, user, timeout_ms=UI_TIMEOUT_MS)


def open_from_landing(page: Page, afdeling: str, meeting_file: str) -> str:
    """Pick the afdeling and click the meeting's "Åbn mødet"; return the app's address."""
    page.select_option(".erfakit-landing-afdeling select", label=afdeling)
    row = page.locator(".erfakit-landing-meetings tr", has_text=meeting_file)
    link = row.locator("a.erfakit-landing-open")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")
    return href


def wait_for_text_on_disk(path: Path, wanted: str) -> float:
    """Seconds until ``wanted`` (as JSON writes it) is in the file at ``path``; fails at the deadline."""
    encoded = json.dumps(wanted, ensure_ascii=False)[1:-1]
    start = time.monotonic()
    while time.monotonic() - start < DISK_TIMEOUT_S:
        try:
            if encoded in path.read_text(encoding="utf-8"):
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{wanted!r} did not reach {path} within {DISK_TIMEOUT_S} s")


def test_a_tovholder_opens_her_afdelings_meeting_in_one_click_and_what_she_types_is_on_disk(
    org: HubSite, browser: Browser, screenshots: Path
):
    mette = org.users["mette"]
    page = log_in(browser, org, mette)
    page.screenshot(path=screenshots / "hub-landing.png")
    assert page.url == f"{org.url}/user/{mette.name}/voila/render/Start.ipynb"
    href = open_from_landing(page, "afdeling-7", "moede.json")
    assert href == f"/user/{mette.name}/voila/render/afdeling-7/moede-app.ipynb"
    field = page.locator(".erfakit-since-drift textarea")
    field.click()
    field.press_sequentially(TYPED, delay=20)
    meeting_file = org.shared_root / "afdeling-7" / "moede.json"
    wait_for_text_on_disk(meeting_file, TYPED)
    page.screenshot(path=screenshots / "hub-app.png")

    # Saved by Mette's own server, for the afdeling's group only.
    status = meeting_file.stat()
    assert Path(org.shared_root / "afdeling-7").stat().st_gid == status.st_gid
    assert stat.S_IMODE(status.st_mode) & 0o060 == 0o060, "the group can read and write the meeting file"
    assert stat.S_IMODE(status.st_mode) & 0o007 == 0, "nobody outside the group can"
    for written in (org.shared_root / "afdeling-7").iterdir():
        assert stat.S_IMODE(written.stat().st_mode) & 0o007 == 0, f"{written.name} is open to the world"
    holder = lock.read_holder(meeting_file)
    assert holder is not None and holder.user == mette.name and holder.name == "Mette Hansen"
    assert holder.heartbeat_datetime is not None
    assert abs(holder.heartbeat_datetime - dt.datetime.now(dt.UTC)) < lock.STALE_AFTER


def test_a_colleague_in_the_same_afdeling_is_told_who_has_the_meeting_open_and_may_read_along(
    org: HubSite, browser: Browser, screenshots: Path
):
    mette, jonas = org.users["mette"], org.users["jonas"]
    first = log_in(browser, org, mette)
    open_from_landing(first, "afdeling-7", "opfoelgning.json")
    expect(first.locator(".erfakit-since-drift textarea")).to_be_editable()

    second = log_in(browser, org, jonas)
    open_from_landing(second, "afdeling-7", "opfoelgning.json")
    notice = second.locator(".erfakit-lock-message")
    expect(notice).to_contain_text(f"Mødet er åbent hos Mette Hansen ({mette.name}) siden kl.")
    second.screenshot(path=screenshots / "hub-lock.png")
    second.click("button.erfakit-lock-read-only")
    expect(second.locator(".erfakit-read-only-banner")).to_be_visible()
    expect(second.locator(".erfakit-since-drift textarea")).to_be_disabled()


def test_another_afdelings_tovholder_is_refused_in_danish_and_cannot_reach_the_other_server(
    org: HubSite, browser: Browser, screenshots: Path
):
    mette, bo = org.users["mette"], org.users["bo"]
    log_in(browser, org, mette)  # her server runs: Bo is refused it, not told it is off
    page = log_in(browser, org, bo)
    expect(page.locator(".erfakit-landing-afdeling select")).to_have_value("afdeling-12")
    page.select_option(".erfakit-landing-afdeling select", label="afdeling-7 (ingen adgang)")
    refusal = page.locator(".erfakit-landing-refused")
    expect(refusal).to_contain_text("Du har ikke adgang til mappen afdeling-7")
    expect(refusal).to_contain_text(f"gruppen {NAME_PREFIX}-afdeling-7")
    expect(page.locator("a.erfakit-landing-open")).to_have_count(0)
    page.screenshot(path=screenshots / "hub-refused.png")

    # A link to the meeting, mailed around: Bo's own server cannot read it, and says so in Danish.
    own = page.goto(f"{org.url}/user/{bo.name}/voila/render/afdeling-7/moede-app.ipynb")
    assert own is not None and own.status == 404
    expect(page.locator(".erfakit-error-page")).to_contain_text("Mødet kan ikke åbnes")
    assert "Lærkeparken" not in page.content()
    page.screenshot(path=screenshots / "hub-not-found.png")

    # Mette's server is Mette's: the hub refuses Bo, in the browser and on the API.
    other = page.goto(f"{org.url}/user/{mette.name}/voila/render/afdeling-7/moede-app.ipynb")
    assert other is not None and other.status == 403
    assert "Lærkeparken" not in page.content()
    api = page.request.get(f"{org.url}/user/{mette.name}/api/contents/afdeling-7", max_redirects=0)
    assert api.status in (302, 403), api.status
    assert "moede.json" not in api.text()

    # And the operating system agrees, whatever Bo runs in his terminal.
    meeting_file = org.shared_root / "afdeling-7" / "moede.json"
    assert org.as_user(bo, ["cat", str(meeting_file)]).returncode != 0
    shown = org.as_user(bo, ["erfakit", "show", str(meeting_file)])
    assert shown.returncode == 2 and str(meeting_file) in shown.stderr and "Traceback" not in shown.stderr


def test_a_meeting_file_the_group_may_only_read_opens_read_only_with_the_reason_in_danish(
    org: HubSite, browser: Browser, screenshots: Path
):
    bo = org.users["bo"]
    locked_file = org.shared_root / "afdeling-12" / "laast.json"
    before = locked_file.read_bytes()
    page = log_in(browser, org, bo)
    open_from_landing(page, "afdeling-12", "laast.json")
    banner = page.locator(".erfakit-read-only-banner")
    expect(banner).to_contain_text("Mødet er åbnet skrivebeskyttet")
    expect(banner).to_contain_text("du har ikke skriveadgang til filen")
    expect(page.locator(".erfakit-since-drift textarea")).to_be_disabled()
    page.screenshot(path=screenshots / "hub-read-only.png")
    assert locked_file.read_bytes() == before
    assert not lock.lock_path(locked_file).exists(), "a read-only view takes no lock"


def test_the_analyst_in_both_groups_builds_one_register_of_both_afdelingers_agreements_in_the_hub(
    org: HubSite, browser: Browser, screenshots: Path
):
    # The analyst's step across afdelinger: `erfakit aftaler` over both shared folders, from a terminal
    # in the hub, as the user who may read both (and nobody else's).
    ane = org.users["ane"]
    page = log_in(browser, org, ane)
    page.goto(f"{org.url}/user/{ane.name}/lab")
    page.locator(".jp-LauncherCard[data-category='Other']", has_text="Terminal").click()
    terminal = page.locator(".jp-Terminal .xterm-screen")
    expect(terminal).to_be_visible()
    terminal.click()
    out = ane.home / "oversigt.txt"
    page.keyboard.type(
        "erfakit aftaler afdeling-7 afdeling-12 -o ~/register.xlsx > ~/oversigt.txt 2>&1; "
        "echo FÆRDIG >> ~/oversigt.txt\n"
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and "FÆRDIG" in out.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, "the analyst's command did not finish within 60 s"
        time.sleep(0.2)
    page.screenshot(path=screenshots / "hub-analyst.png")
    summary = out.read_text(encoding="utf-8")
    assert "Traceback" not in summary
    assert "afdelinger: 2," in summary, summary
    register_page = (ane.home / "register.html").read_text(encoding="utf-8")
    assert "Afdeling 7 – Lærkeparken" in register_page and "Afdeling 12 – Solbakken" in register_page
    assert (ane.home / "register.xlsx").stat().st_size > 0


def test_the_idle_culler_runs_beside_the_hub_with_the_hubs_api(org: HubSite):
    log = org.log_path.read_text(encoding="utf-8", errors="replace")
    assert "Starting managed service idle-culler" in log
    assert "(idle-culler@127.0.0.1)" in log, "the culler has asked the hub's API for its users"
    culler = [pid for pid in org.running_processes() if "jupyterhub_idle_culler" in _cmdline(pid)]
    assert culler, "no jupyterhub_idle_culler process"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_each_users_server_runs_as_that_user_in_exactly_their_afdelingers_groups_with_umask_007(
    org: HubSite, browser: Browser
):
    folders = {name: os.stat(org.shared_root / name).st_gid for name in ("afdeling-7", "afdeling-12")}
    for user in (org.users["mette"], org.users["bo"]):
        log_in(browser, org, user)  # starts the server if no earlier test did
        pids = org.user_processes(user)
        assert pids, f"{user.name} has no server running"
        for pid in pids:
            status = Path(f"/proc/{pid}/status").read_text()
            assert _field(status, "Umask") == "0007", f"process {pid} of {user.name}"
            groups = {int(gid) for gid in _field(status, "Groups").split()}
            assert {folders[name] for name in user.afdelinger} <= groups
            assert not {gid for name, gid in folders.items() if name not in user.afdelinger} & groups


def _field(status: str, name: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in status.splitlines() if line.startswith(f"{name}:"))
