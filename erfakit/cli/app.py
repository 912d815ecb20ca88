"""`erfakit app MØDEFIL`: the meeting's forms as a code-free page (Voilà), private to the tovholder.

Voilà runs as an extension of a Jupyter server (as it does behind JupyterHub), so the page gets
the same protection as JupyterLab: a token in the address `erfakit app` prints and opens, the Host
header checked against this machine's names (no DNS rebinding), XSRF and origin checks, and no
kernel for a request without the token (Voilà's page handler is `@authenticated`). The standalone
`voila` command has none of the Host and XSRF checks (it sets ``allow_remote_access=True``).

Listening on another address than loopback needs ``--ip`` together with ``--tillad-netvaerk``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

from erfakit.cli.common import help_text, warn, write_meeting_notebook
from erfakit.cli.serving import (
    LOOPBACK,
    ServerPlan,
    free_port,
    is_loopback,
    jupyter_server_options,
    new_token,
    serve,
    server_environment,
)
from erfakit.exceptions import ErfakitError

APP_DATA_DIR = Path(__file__).resolve().parent.parent / "appmode"
"""A Jupyter data folder holding erfakit's Voilà template (Voilà's `lab` without CDN links)."""
TEMPLATE = "erfakit"
CULL_INTERVAL_SECONDS = 60
CULL_IDLE_SECONDS = 900
"""Voilà leaks a kernel per page visit (voila#1458). Kernels with a page still connected are never
culled (``cull_connected`` stays off), so a quiet quarter of an hour in the meeting is safe; a
kernel left behind by a reloaded page goes after 15 idle minutes."""
SERVER_EXTENSIONS = {
    "voila": True,
    # Installed with JupyterLab and enabled for every Jupyter server; the app needs none of them.
    "jupyterlab": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
    "notebook_shim": False,
}


PAGE_SETTINGS = {"mathjax_url": None, "mathjax_config": None}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``app`` subcommand."""
    parser = subparsers.add_parser(
        "app", help=help_text("meeting.app.help"), description=help_text("meeting.app.description")
    )
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.add_argument("--port", type=int, default=0, help=help_text("meeting.app.port"))
    parser.add_argument("--no-browser", action="store_true", help=help_text("meeting.app.no_browser"))
    parser.add_argument("--ip", default=LOOPBACK, help=help_text("meeting.app.ip"))
    parser.add_argument(
        "--tillad-netvaerk", dest="allow_network", action="store_true", help=help_text("meeting.app.allow_network")
    )
    parser.set_defaults(func=run)


def app_notebook_for(path: Path, lang: str, *, title: str | None = None) -> Path:
    """Write the meeting notebook for Voilà beside the meeting file at ``path``; return it.

    ``title`` becomes the page's title (nbconvert's ``metadata.title``), and the meeting's language
    the page's ``lang`` (read by erfakit's Voilà template from ``metadata.erfakit.lang``).
    """
    notebook = write_meeting_notebook(path, lang, suffix="app", relative=False)
    stamp_page(notebook, lang=lang, title=title)
    return notebook


def stamp_page(notebook: Path, *, lang: str, title: str | None) -> None:
    """Put the page's language and title into the notebook's metadata (Voilà renders them)."""
    import nbformat

    from erfakit.io.atomic import write_bytes_atomic

    document = nbformat.read(str(notebook), as_version=4)
    document.metadata["erfakit"] = {"lang": lang}
    if title:
        document.metadata["title"] = title
    write_bytes_atomic(nbformat.writes(document).encode("utf-8"), notebook)


def page_title(session_path: Path, lang: str) -> str:
    """The page title, "Møde – Afdeling 7 – Lærkeparken"."""
    from erfakit.io.meeting_file.document import load_session
    from erfakit.texts import text

    return text("meeting.app.page_title", lang, afdeling=load_session(session_path, lang=lang).meeting.afdeling)


def page_path(notebook: Path) -> str:
    """Where Voilà (as a server extension) renders ``notebook``, relative to the server's root."""
    return f"/voila/render/{quote(notebook.name)}"


def app_server_command(notebook: Path, *, port: int, ip: str = LOOPBACK, allow_remote: bool = False) -> list[str]:
    """The command line of the Jupyter server that serves ``notebook`` with Voilà and nothing else."""
    return [
        sys.executable,
        "-m",
        "jupyter_server",
        *jupyter_server_options(ip=ip, port=port, root_dir=notebook.parent, allow_remote=allow_remote),
        f"--ServerApp.jpserver_extensions={SERVER_EXTENSIONS!r}",
        "--ServerApp.terminals_enabled=False",
        f"--ServerApp.default_url={page_path(notebook)}",
        # Voilà's page loads MathJax 2 from a CDN unless both are null; then it uses the MathJax
        # bundled in its own JavaScript (the standalone `voila` command sets them so).
        f"--ServerApp.tornado_settings={PAGE_SETTINGS!r}",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.strip_sources=True",
        # Off: the meeting is one cell, so rendering cell by cell shows nothing sooner, and with it
        # on the kernel starts only once the page's JavaScript has loaded and asks for it (serial),
        # instead of while it loads (benchmarks/app_first_field.py: 1.8x against 2.6x the baseline).
        "--VoilaConfiguration.progressive_rendering=False",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]


def run(args: argparse.Namespace) -> int:
    """Check the meeting file, write the bound notebook and serve it until Ctrl+C (or SIGTERM/SIGHUP)."""
    from erfakit.texts import text

    path = args.path.resolve()
    ip = str(args.ip)
    allow_remote = not is_loopback(ip)
    if allow_remote and not args.allow_network:
        raise ErfakitError(text("meeting.app.ip_refused", args.lang, ip=ip), text("meeting.app.ip_hint", args.lang))
    title = page_title(path, args.lang)  # a broken file is reported here, not in the page
    notebook = app_notebook_for(path, args.lang, title=title)
    if allow_remote:
        warn(text("meeting.app.network_warning", args.lang, ip=ip))
    port = args.port or free_port()
    reach = LOOPBACK if ip in ("0.0.0.0", "") or not allow_remote else ip
    token = new_token()
    plan = ServerPlan(
        kind="app",
        command=app_server_command(notebook, port=port, ip=ip, allow_remote=allow_remote),
        environment=server_environment(token, jupyter_path=[APP_DATA_DIR]),
        cwd=notebook.parent,
        base_url=f"http://{reach}:{port}",
        page_path=page_path(notebook),
        token=token,
        lang=args.lang,
        shown_url_base=f"http://{ip}:{port}" if allow_remote and ip not in ("0.0.0.0", "") else "",
    )
    return serve(
        plan,
        open_browser=not args.no_browser,
        announce=lambda url: text("meeting.app.serving", args.lang, url=url, file=str(path)),
    )
