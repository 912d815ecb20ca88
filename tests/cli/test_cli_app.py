"""`erfakit app`: the meeting page is the tovholder's alone, and stopping it leaves nothing behind.

The slow tests run the real command (a Jupyter server with Voilà), make real HTTP and websocket
requests as an attacker's page or another user of the machine would, and count kernels both as
the server lists them and as processes.
"""

from __future__ import annotations

import signal
from pathlib import Path

import nbformat
import psutil
import pytest
import websocket
from running_kit import RunningKit, start_kit, wait_for

from erfakit.cli import main
from erfakit.cli.app import APP_DATA_DIR, app_notebook_for, app_server_command, page_path
from erfakit.cli.serving import server_environment


def test_the_app_notebook_is_bound_to_the_meeting_file_and_carries_the_pages_language_and_title(
    session_path: Path,
):
    notebook_file = app_notebook_for(session_path, "en", title="Meeting – Afdeling 7")
    assert notebook_file.parent == session_path.parent
    notebook = nbformat.read(notebook_file, as_version=4)
    parameters = notebook.cells[0].source
    assert f"session_path = {str(session_path)!r}" in parameters and "lang = 'en'" in parameters
    assert notebook.metadata["title"] == "Meeting – Afdeling 7"
    assert notebook.metadata["erfakit"]["lang"] == "en"
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_the_app_is_voila_inside_a_jupyter_server_on_loopback_with_host_and_xsrf_checks(tmp_path: Path):
    command = app_server_command(tmp_path / "moede-app.ipynb", port=8899)
    assert command[1:3] == ["-m", "jupyter_server"]
    assert "--ServerApp.ip=127.0.0.1" in command and "--ServerApp.port=8899" in command
    assert "--ServerApp.allow_remote_access=False" in command
    assert "--ServerApp.disable_check_xsrf=False" in command
    extensions = next(part for part in command if part.startswith("--ServerApp.jpserver_extensions="))
    assert "'voila': True" in extensions and "'jupyterlab': False" in extensions
    assert "--ServerApp.terminals_enabled=False" in command
    assert f"--ServerApp.default_url={page_path(tmp_path / 'moede-app.ipynb')}" in command
    assert any(part.startswith("--MappingKernelManager.cull_idle_timeout=") for part in command)
    # Without these Voilà's page fetches MathJax from a CDN (the meeting room may have no internet).
    assert "--ServerApp.tornado_settings={'mathjax_url': None, 'mathjax_config': None}" in command


def test_the_token_travels_in_the_environment_not_on_a_command_line_others_can_read(tmp_path: Path):
    environment = server_environment("hemmelig-noegle", jupyter_path=[APP_DATA_DIR])
    assert environment["JUPYTER_TOKEN"] == "hemmelig-noegle"
    assert environment["JUPYTER_PATH"].split(":")[0] == str(APP_DATA_DIR)
    options = [part.split("=", 1)[0].lower() for part in app_server_command(tmp_path / "x.ipynb", port=1)]
    assert not [option for option in options if "token" in option or "password" in option]
    template = APP_DATA_DIR / "voila" / "templates" / "erfakit" / "index.html.j2"
    assert "metadata.get('erfakit')" in template.read_text(encoding="utf-8")


def test_another_address_than_loopback_needs_the_explicit_flag(session_path: Path, capsys):
    assert main(["app", str(session_path), "--no-browser", "--ip", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "--tillad-netvaerk" in err and "0.0.0.0" in err and "Traceback" not in err
    assert not list(session_path.parent.glob("*-app.ipynb"))


def test_with_the_explicit_flag_another_address_is_served_without_the_host_check_but_with_the_token(tmp_path: Path):
    command = app_server_command(tmp_path / "moede-app.ipynb", port=8899, ip="0.0.0.0", allow_remote=True)
    assert "--ServerApp.ip=0.0.0.0" in command and "--ServerApp.allow_remote_access=True" in command
    assert "--ServerApp.disable_check_xsrf=False" in command


def test_a_broken_meeting_file_is_reported_before_the_server_starts(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    path.write_text("{", encoding="utf-8")
    assert main(["app", str(path), "--no-browser"]) == 2
    assert "moede.json" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.ipynb"))


@pytest.fixture
def app(session_path: Path, tmp_path: Path):
    kit = start_kit(["app", str(session_path), "--no-browser"], home=tmp_path / "home", cwd=tmp_path)
    yield kit
    kit.stop()


@pytest.mark.slow
def test_the_printed_address_answers_at_once_with_a_danish_page_titled_after_the_meeting(app: RunningKit):
    status, page = app.get(f"{app.page_path}?token={app.token}")
    assert status == 200
    assert '<html lang="da">' in page
    assert "<title>Møde – " in page
    assert "session_path" not in page  # no code on the page
    assert "cdn.jsdelivr.net" not in page  # erfakit's template: nothing asked of the internet
    assert app.token not in page


@pytest.mark.slow
def test_requests_without_the_token_from_another_host_or_another_origin_are_refused_and_start_no_kernel(
    app: RunningKit,
):
    page = app.page_path
    assert app.kernel_ids() == [] and app.kernel_processes() == []

    # Another user of the machine, or a script, without the token: sent to the login page.
    status, _ = app.get(page)
    assert status == 302
    status, _ = app.get(f"{page}?token=gaet-en-noegle")
    assert status in (302, 403)
    # DNS rebinding: the attacker's page reaches 127.0.0.1 under its own name, even with the token.
    for path in (f"{page}?token={app.token}", f"/api/kernels?token={app.token}", f"/api/status?token={app.token}"):
        status, _ = app.get(path, headers={"Host": "evil.example"})
        assert status == 403, path
    # The bare root only redirects to the page (which refuses that host in turn).
    assert app.get("/", headers={"Host": "evil.example"})[0] in (302, 403)
    assert app.kernel_ids() == [] and app.kernel_processes() == [], "a refused request started a kernel"

    # The tovholder opens the page: one kernel, and the browser keeps the login cookie.
    browser, jar = app.browser_session()
    status, _ = app.get(f"{page}?token={app.token}", opener=browser)
    assert status == 200
    (kernel,) = wait_for(app.kernel_ids, timeout=30, what="the page's kernel")
    wait_for(app.kernel_processes, timeout=30, what="the kernel process")
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
    host = app.base.removeprefix("http://")
    channels = f"ws://{host}/api/kernels/{kernel}/channels"
    execution = f"ws://{host}/voila/execution/{kernel}"

    # A page from elsewhere opens websockets to the kernel with the tovholder's cookie: refused.
    _assert_websocket_refused(channels, cookie=cookies, origin="http://evil.example")
    _assert_websocket_refused(channels, cookie=cookies, origin="http://evil.example", host="evil.example")
    # Voilà's cell-by-cell execution socket is not served at all (progressive rendering is off).
    _assert_websocket_refused(execution, cookie=cookies, origin=app.base, status=404)
    # Without the cookie from the right origin: refused too.
    _assert_websocket_refused(channels, cookie="", origin=app.base)
    # Posts with the cookie but without the XSRF token start no kernel: from another origin
    # jupyter_server answers 404 (origin check), from the page's own origin 403 (XSRF check).
    for path in ("/api/kernels", "/api/sessions"):
        assert _post(app, path, browser, origin="http://evil.example")[0] == 404
        assert _post(app, path, browser, origin=app.base)[0] == 403

    # Control: the page's own origin with the cookie does reach the kernel.
    connection = websocket.create_connection(channels, cookie=cookies, origin=app.base, timeout=30)
    connection.close()

    assert app.kernel_ids() == [kernel]
    assert len(app.kernel_processes()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_stopping_the_app_by_a_signal_ends_the_server_and_every_kernel_in_order(app: RunningKit, signum: int):
    browser, _jar = app.browser_session()
    for _visit in range(2):  # a reload leaves a second kernel (voila#1458)
        assert app.get(f"{app.page_path}?token={app.token}", opener=browser)[0] == 200
    kernels = wait_for(lambda: len(app.kernel_processes()) == 2 and app.kernel_processes(), timeout=60, what="kernels")
    wait_for(lambda: {k.pid for k in kernels} <= app.started_markers(), timeout=60, what="the kernels to be up")
    everything = [*app.descendants()]
    assert len(everything) >= 3  # the server and its two kernels

    app.process.send_signal(signum)
    assert app.process.wait(timeout=40) == 0
    gone, alive = psutil.wait_procs(everything, timeout=5)
    assert alive == [], f"left running after {signal.Signals(signum).name}: {alive}"
    # Each kernel ended through Python's own shutdown (a shutdown request), not a kill: the
    # kernel-side flush of a pending save gets to run.
    assert {kernel.pid for kernel in kernels} <= app.exit_markers()
    assert "Stoppet." in "".join(app.output)


@pytest.mark.slow
def test_killing_erfakit_app_outright_still_stops_its_server_and_kernel(app: RunningKit):
    assert app.get(f"{app.page_path}?token={app.token}")[0] == 200
    (kernel,) = wait_for(app.kernel_processes, timeout=60, what="the page's kernel")
    wait_for(lambda: kernel.pid in app.started_markers(), timeout=60, what="the kernel to be up")
    everything = app.descendants()

    app.process.kill()  # no chance to clean up: the server is told by the kernel (PR_SET_PDEATHSIG)
    _gone, alive = psutil.wait_procs(everything, timeout=40)
    assert alive == [], f"left running after SIGKILL of erfakit app: {alive}"
    assert kernel.pid in app.exit_markers()


@pytest.mark.slow
def test_the_browser_is_opened_at_the_page_through_a_redirect_file_only_the_user_can_read(
    session_path: Path, tmp_path: Path
):
    opened = tmp_path / "opened.txt"
    fake_browser = tmp_path / "browser.sh"
    fake_browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {opened}\n', encoding="utf-8")
    fake_browser.chmod(0o755)
    kit = start_kit(
        ["app", str(session_path)], home=tmp_path / "home", cwd=tmp_path, extra_env={"BROWSER": str(fake_browser)}
    )
    try:
        uri = wait_for(lambda: opened.exists() and opened.read_text(encoding="utf-8"), timeout=30, what="the browser")
        assert uri.startswith("file://") and kit.token not in uri  # no token on a command line
        redirect = Path(uri.removeprefix("file://"))
        assert redirect.stat().st_mode & 0o077 == 0
        assert kit.page_url in redirect.read_text(encoding="utf-8")
    finally:
        kit.stop()
    assert not redirect.exists()  # removed when the server stops


def _assert_websocket_refused(
    url: str, *, cookie: str, origin: str, host: str | None = None, status: int | None = None
) -> None:
    options = {"cookie": cookie, "origin": origin, "timeout": 30}
    if host:
        options["host"] = host
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(url, **options).close()
    expected = (status,) if status else (400, 403)
    assert refused.value.status_code in expected, (url, origin, host, refused.value.status_code)


def _post(app: RunningKit, path: str, opener, *, origin: str) -> tuple[int, str]:  # noqa: ANN001
    import urllib.error
    import urllib.request

    request = urllib.request.Request(app.base + path, data=b"{}", method="POST", headers={"Origin": origin})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
