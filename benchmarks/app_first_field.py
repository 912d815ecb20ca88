"""Page open → first usable field in `erfakit app`, against an empty Voilà notebook, in one run.

Issue 13 asks for the meeting page's first usable field within 1.3× the time an empty Voilà
notebook takes on the same machine. Each round opens a fresh browser context (cold cache, as a
tovholder's first visit) and times ``page.goto`` until the field is visible and enabled:

* **baseline**: a one-field notebook (an ipywidgets ``Textarea``) served by the standalone ``voila``
  command: the least Voilà can show.
* **same notebook, erfakit's server**: that notebook served the way `erfakit app` serves (a Jupyter
  server with Voilà as an extension, token, Host/XSRF checks): what the private server costs.
* **erfakit app**: the meeting notebook as `erfakit app` writes and serves it, on the demo meeting,
  until Velkommen's first field is usable; and the same with Voilà's progressive rendering on (which
  `erfakit app` had before this benchmark showed it slower).

Rounds alternate between the cases, so a busy machine slows all alike. The meeting page's kernels
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
from servers import free_port, jupyter_env, start_server, voila_command  # noqa: E402

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
FIRST_FIELD = ".erfakit-since-boligsocial textarea"
USABLE_JS = (
    "selector => { const el = document.querySelector(selector);"
    " return !!el && !el.disabled && el.offsetParent !== null; }"
)


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

    from erfakit.cli.app import APP_DATA_DIR, app_notebook_for, app_server_command, page_path, page_title
    from erfakit.cli.serving import new_token, server_environment
    from erfakit.demo import prepare_demo

    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = jupyter_env(folder / "home")
        baseline = one_field_notebook(folder / "baseline")
        guarded = one_field_notebook(folder / "guarded")
        servers = []
        try:
            base_port = free_port()
            servers.append(start_server(
                "Voilà", voila_command(base_port, baseline), env=env, root=baseline.parent,
                url=f"http://127.0.0.1:{base_port}", ready_path="/voila/static/voila.js", log_path=folder / "voila.log",
            ))  # fmt: skip
            cases = {"empty Voilà notebook (baseline)": (f"{servers[0].url}/", "textarea", None)}
            token = new_token()
            guarded_env = {**env, **server_environment(token, jupyter_path=[APP_DATA_DIR])}
            meetings = {
                "same notebook, erfakit's server": (guarded, "textarea", None),
                "erfakit app, Velkommen's first field": (None, FIRST_FIELD, None),
                "  the same, progressive rendering on": (None, FIRST_FIELD, True),
            }
            for number, (name, (notebook, selector, progressive)) in enumerate(meetings.items()):
                if notebook is None:  # the meeting notebook exactly as `erfakit app` writes it
                    session_path = prepare_demo(folder / f"meeting-{number}", filled=False)
                    notebook = app_notebook_for(session_path, "da", title=page_title(session_path, "da"))
                port = free_port()
                command = app_server_command(notebook, port=port)
                if progressive is not None:  # None: exactly as `erfakit app` serves
                    switch = f"progressive_rendering={progressive}"
                    command = [part.replace("progressive_rendering=False", switch) for part in command]
                servers.append(start_server(
                    name, command, env=guarded_env, root=notebook.parent, url=f"http://127.0.0.1:{port}",
                    ready_path=f"/api/status?token={token}", log_path=folder / f"server-{number}.log",
                ))  # fmt: skip
                cases[name] = (f"{servers[-1].url}{page_path(notebook)}?token={token}", selector, servers[-1].url)
            timings: dict[str, list[float]] = {name: [] for name in cases}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                for _round in range(rounds + 1):  # the first round warms caches and imports up
                    for name, (url, selector, server_url) in cases.items():
                        elapsed = time_to_field(browser, url, selector)
                        if _round:
                            timings[name].append(elapsed)
                        if server_url:  # a new page must not find the meeting file held by the last
                            shut_down_kernels(server_url, token)
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
