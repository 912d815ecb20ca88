"""How many meetings one server holds: N tovholdere with a meeting open each, through a real JupyterHub.

Sets up the site as deploy/jupyterhub/ says (tests/hub/hubsite.py: install.sh, add-afdeling.sh,
add-user.sh, real Unix users, PAM, the local process spawner) and adds tovholdere one by one, each
logging in through the hub in Chromium, opening their own copy of the demo meeting from the landing
page and visiting all five parts once (so the kernel holds what a real meeting builds: charts,
nbconvert warmed up for the report). All earlier meetings stay open. At N = 1, 2, 4, 8, … it measures

- memory per meeting: PSS and RSS of all the tovholder's processes (single-user server, the app
  kernel, the landing page's kernel that Voilà keeps for a while), the mean over the N tovholdere;
- keystroke-to-disk latency: every open meeting gets a few characters typed into the same field at
  the same moment (all N tovholdere typing at once), then the meeting files are polled until each
  holds its text; median and 95th percentile over all meetings and rounds;

and prints each N against N = 1 measured in the same run. It stops at ``--max`` or earlier when the
p95 latency passes ``--max-p95`` seconds or the machine's available memory falls under 2 GiB.

Chromium runs on the same two cores as the hub here (at the organisation it runs on the tovholdere's
laptops), so the latency at large N is pessimistic; the memory is the server's alone.

Needs root, the hub extra, configurable-http-proxy and /usr/bin/chromium (as tests/hub).
Run: .venv/bin/python benchmarks/hub_meetings.py [--max 16] [--rounds 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "hub"))

from hubsite import (  # noqa: E402
    HubSite,
    HubUser,
    TraverseGrant,
    build_user_env,
    log_in,
    new_site,
    pss_and_rss_kib,
    sweep_leftovers,
)

from erfakit.report.pdf import CHROMIUM_ARGS  # noqa: E402

PARTS = ("ovelse1", "ovelse2", "ovelse3", "afslutning", "velkommen")
POLL_S = 0.02
LATENCY_TIMEOUT_S = 30.0
MIN_AVAILABLE_KIB = 2 * 1024 * 1024


@dataclass
class OpenMeeting:
    user: HubUser
    page: object
    meeting_file: Path
    opened_s: float


@dataclass
class Step:
    n: int
    pss_mib: float
    rss_mib: float
    server_pss_mib: float
    kernels_pss_mib: float
    median_s: float
    p95_s: float
    open_s: float


def available_kib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    return 0


def open_meeting(browser, site: HubSite, user: HubUser, meeting_file: Path) -> OpenMeeting:
    """Log ``user`` in, open their meeting from the landing page, visit every part once."""
    start = time.monotonic()
    page = log_in(browser, site, user, timeout_ms=120_000)
    page.locator(".erfakit-landing-meetings tr", has_text=meeting_file.name).locator("a.erfakit-landing-open").click()
    page.wait_for_selector(".erfakit-since-drift textarea")
    for part in PARTS:
        page.click(f"button.erfakit-nav-{part}")
        page.wait_for_selector(f".erfakit-part-{part} .erfakit-part-heading", state="visible")
    page.wait_for_selector(".erfakit-since-drift textarea", state="visible")
    return OpenMeeting(user, page, meeting_file, time.monotonic() - start)


def memory(site: HubSite, user: HubUser) -> tuple[int, int, int, int]:
    """PSS and RSS (KiB) of all of ``user``'s processes, and PSS of the server and of the kernels."""
    pss = rss = server = kernels = 0
    for pid in site.user_processes(user):
        proc_pss, proc_rss = pss_and_rss_kib(pid)
        pss += proc_pss
        rss += proc_rss
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"ipykernel" in cmdline:
            kernels += proc_pss
        else:
            server += proc_pss
    return pss, rss, server, kernels


def typing_round(meetings: list[OpenMeeting], round_no: int) -> list[float]:
    """Type into every open meeting at once; seconds until each text is in its meeting file."""
    typed_at: dict[int, float] = {}
    tokens = {}
    for index, meeting in enumerate(meetings):
        token = f" r{round_no}m{index}"
        field = meeting.page.locator(".erfakit-since-drift textarea")
        field.focus()
        meeting.page.keyboard.press("End")
        meeting.page.keyboard.type(token)
        typed_at[index] = time.monotonic()
        tokens[index] = token
    latencies: dict[int, float] = {}
    deadline = time.monotonic() + LATENCY_TIMEOUT_S
    while len(latencies) < len(meetings) and time.monotonic() < deadline:
        for index, meeting in enumerate(meetings):
            if index in latencies:
                continue
            try:
                if tokens[index] in meeting.meeting_file.read_text(encoding="utf-8"):
                    latencies[index] = time.monotonic() - typed_at[index]
            except OSError:
                pass
        time.sleep(POLL_S)
    missing = [meetings[i].user.name for i in range(len(meetings)) if i not in latencies]
    if missing:
        raise RuntimeError(f"typing did not reach the disk within {LATENCY_TIMEOUT_S} s for {missing}")
    return list(latencies.values())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(site: HubSite, meetings: list[OpenMeeting], rounds: int) -> Step:
    samples: list[float] = []
    for round_no in range(rounds):
        samples += typing_round(meetings, round_no)
    per_user = [memory(site, meeting.user) for meeting in meetings]
    mib = 1024
    return Step(
        n=len(meetings),
        pss_mib=statistics.mean(p[0] for p in per_user) / mib,
        rss_mib=statistics.mean(p[1] for p in per_user) / mib,
        server_pss_mib=statistics.mean(p[2] for p in per_user) / mib,
        kernels_pss_mib=statistics.mean(p[3] for p in per_user) / mib,
        median_s=statistics.median(samples),
        p95_s=percentile(samples, 0.95),
        open_s=meetings[-1].opened_s,
    )


def hub_memory_mib(site: HubSite) -> float:
    """PSS of the hub, its proxy and the idle culler (root's processes of this site)."""
    total = 0
    for pid in site.running_processes():
        if Path(f"/proc/{pid}").stat().st_uid == 0:
            total += pss_and_rss_kib(pid)[0]
    return total / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--max", type=int, default=16, help="largest N to try (default 16)")
    parser.add_argument("--rounds", type=int, default=5, help="typing rounds per N (default 5)")
    parser.add_argument("--max-p95", type=float, default=2.0, help="stop when the p95 latency passes this (s)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    sweep_leftovers()
    env_folder = Path(tempfile.mkdtemp(prefix="erfakit-hub-env-"))
    env_folder.chmod(0o755)
    site: HubSite | None = None
    steps: list[Step] = []
    grant = TraverseGrant()
    demo = Path(tempfile.mkdtemp(prefix="erfakit-hub-demo-"))
    try:
        user_env = build_user_env(env_folder / "env", grant)
        site = new_site(user_env)
        site.add_afdeling("afdeling-7")
        made = subprocess.run(
            [str(user_env / "bin" / "erfakit"), "demo", "-o", str(demo)], capture_output=True, text=True, check=False
        )
        if made.returncode != 0:
            raise RuntimeError(f"erfakit demo failed:\n{made.stdout}\n{made.stderr}")
        site.start()
        print(f"hub at {site.url}; users' environment {user_env}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            meetings: list[OpenMeeting] = []
            target = 1
            while target <= args.max:
                while len(meetings) < target:
                    number = len(meetings) + 1
                    user = site.add_user(f"tov{number}", f"Tovholder {number}", "afdeling-7")
                    meeting_file = site.shared_root / "afdeling-7" / f"moede-{number}.json"
                    shutil.copyfile(demo / "demo-moede.json", meeting_file)
                    shutil.chown(meeting_file, user=user.name)
                    meeting_file.chmod(0o660)
                    meetings.append(open_meeting(browser, site, user, meeting_file))
                step = measure(site, meetings, args.rounds)
                steps.append(step)
                print(
                    f"N={step.n:3d}: {step.pss_mib:6.0f} MiB PSS per meeting (server {step.server_pss_mib:.0f}, "
                    f"kernels {step.kernels_pss_mib:.0f}; RSS {step.rss_mib:.0f}); keystroke→disk median "
                    f"{step.median_s:.2f} s, p95 {step.p95_s:.2f} s; last meeting opened in {step.open_s:.0f} s; "
                    f"hub+proxy+culler {hub_memory_mib(site):.0f} MiB; available {available_kib() / 1024**2:.1f} GiB",
                    flush=True,
                )
                if step.p95_s > args.max_p95:
                    print(f"stopping: p95 latency {step.p95_s:.2f} s > {args.max_p95} s")
                    break
                if available_kib() < MIN_AVAILABLE_KIB:
                    print("stopping: less than 2 GiB of memory available")
                    break
                target *= 2
            browser.close()
    finally:
        shutil.rmtree(demo, ignore_errors=True)
        if site is not None:
            leftovers = site.remove()
            if leftovers:
                print("killed after the hub stopped: " + "; ".join(leftovers))
        grant.restore()
        shutil.rmtree(env_folder, ignore_errors=True)
    report(steps)
    return 0


def report(steps: list[Step]) -> None:
    if not steps:
        return
    base = steps[0]
    print("\nN   PSS/meeting  ×N=1   RSS/meeting  median s  ×N=1   p95 s  ×N=1")
    for step in steps:
        memory_part = f"{step.pss_mib:8.0f} MiB {step.pss_mib / base.pss_mib:5.2f} {step.rss_mib:8.0f} MiB"
        latency_part = f"{step.median_s:8.2f} {step.median_s / base.median_s:5.2f} {step.p95_s:7.2f}"
        print(f"{step.n:<3d} {memory_part} {latency_part} {step.p95_s / base.p95_s:5.2f}")


if __name__ == "__main__":
    sys.exit(main())
