"""Page open → first usable field in `erfakit app`, against an empty Voilà notebook, in one run.

Issue 13 asks for the meeting page's first usable field within 1.3× the time an empty Voilà
notebook takes on the same machine. Each round opens a fresh browser context (cold cache, as a
tovholder's first visit) and times ``page.goto`` until the field is visible and enabled:

* **baseline**: a one-field notebook (an ipywidgets ``Textarea``) served by the standalone ``voila``
  command: the least Voilà can show.
* **same notebook, erfakit's server**: that notebook served the way `erfakit app` serves (a Jupyter
  server with Voilà as an extension, token, Host/XSRF checks): what the private server costs.
* **erfakit app**: the real command on the demo meeting, until Velkommen's first field is usable.

Rounds alternate between the three, so a busy machine slows all alike. The meeting page's kernels
are shut down after each round through the server's API (a new page would otherwise find the
meeting file held by the last one and ask who may write).

Needs /usr/bin/chromium. Run: ``.venv/bin/python benchmarks/app_first_field.py [rounds]``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests" / "browser"))

from common import verdict  # noqa: E402
from servers import free_port, jupyter_env, start_kit_server, start_server, voila_command  # noqa: E402

TARGET_RATIO = 1.3
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
ONE_FIELD = """\
import ipywidgets as w
field = w.Textarea()
field.add_class("baseline-field")
field
"""
USABLE_JS = "selector => { const el = document.querySelector(selector); return !!el && !el.disabled && el.offsetParent !== null; }"


def time_to_field(browser, url: str, selector: str) -> float:
    """Seconds from navigation start until ``selector`` is visible and enabled, in a fresh context."""
    context = browser.new_context(viewport={"width": 1600, "height": 900}, locale="da-DK")
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    try:
        page.wait_for_function(USABLE_JS, arg=selector, timeout=120_000, polling=20)
    except Exception:
        page.screenshot(path=Path(tempfile.gettempdir()) / "app_first_field-timeout.png")
        raise RuntimeError(f"{selector} never became usable at {url.split('?')[0]}") from None
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def shut_down_kernels(base: str, token: str) -> None:
    """Ask the server to shut every kernel down (orderly), and wait until it has."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    headers = {"Authorization": f"token {token}"}
    with opener.open(urllib.request.Request(f"{base}/api/kernels", headers=headers), timeout=30) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{base}/api/kernels/{kernel['id']}", headers=headers, method="DELETE")
        opener.open(request, timeout=60).close()


def one_field_notebook(folder: Path) -> Path:
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(ONE_FIELD)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "baseline.ipynb"
    nbformat.write(nb, path)
    return path


def main(rounds: int) -> int:
    from playwright.sync_api import sync_playwright

    from erfakit.cli.app import APP_DATA_DIR, app_server_command, page_path
    from erfakit.cli.serving import new_token, server_environment
    from erfakit.demo import prepare_demo

    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = jupyter_env(folder / "home")
        session_path = prepare_demo(folder / "meeting", filled=False)
        baseline = one_field_notebook(folder / "baseline")
        guarded = one_field_notebook(folder / "guarded")
        servers = []
        try:
            kit = start_kit_server(
                "erfakit app",
                [str(Path(sys.executable).with_name("erfakit")), "app", str(session_path), "--no-browser"],
                env=env, root=session_path.parent, log_path=folder / "app.log",
            )  # fmt: skip
            servers.append(kit)
            base_port = free_port()
            servers.append(start_server(
                "Voilà", voila_command(base_port, baseline), env=env, root=baseline.parent,
                url=f"http://127.0.0.1:{base_port}", ready_path="/voila/static/voila.js", log_path=folder / "voila.log",
            ))  # fmt: skip
            token, guarded_port = new_token(), free_port()
            guarded_env = {**env, **server_environment(token, jupyter_path=[APP_DATA_DIR])}
            servers.append(start_server(
                "one field, erfakit's server", app_server_command(guarded, port=guarded_port), env=guarded_env,
                root=guarded.parent, url=f"http://127.0.0.1:{guarded_port}",
                ready_path=f"/api/status?token={token}", log_path=folder / "guarded.log",
            ))  # fmt: skip
            kit_token = kit.page_url.rsplit("token=", 1)[1]
            cases = {
                "empty Voilà notebook (baseline)": (f"{servers[1].url}/", "textarea"),
                "same notebook, erfakit's server": (
                    f"{servers[2].url}{page_path(guarded)}?token={token}",
                    "textarea",
                ),
                "erfakit app, Velkommen's first field": (kit.page_url, ".erfakit-since-boligsocial textarea"),
            }
            timings: dict[str, list[float]] = {name: [] for name in cases}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                for name, (url, selector) in cases.items():  # warm-up: caches, first imports
                    time_to_field(browser, url, selector)
                shut_down_kernels(kit.url, kit_token)
                for _round in range(rounds):
                    for name, (url, selector) in cases.items():
                        timings[name].append(time_to_field(browser, url, selector))
                    shut_down_kernels(kit.url, kit_token)
                    shut_down_kernels(servers[2].url, token)
                browser.close()
        finally:
            for server in servers:
                server.stop()

    base = statistics.median(timings["empty Voilà notebook (baseline)"])
    print(f"page open → first usable field, {rounds} rounds each (median, max), fresh browser context:")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"  {name:40s} {median:5.2f} s {max(values):5.2f} s   {median / base:4.2f}×")
    ratio = statistics.median(timings["erfakit app, Velkommen's first field"]) / base
    print(f"  target erfakit app ≤ {TARGET_RATIO}× baseline: {verdict(ratio <= TARGET_RATIO)} ({ratio:.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
