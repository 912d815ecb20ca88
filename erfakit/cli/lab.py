"""`erfakit lab`: open JupyterLab on the meeting notebook, bound to one meeting file.

JupyterLab gets the kit's defaults (`erfakit/lab/overrides.json`: Danish where the language pack
translates, no news pop-up, larger text) and one small extension of the kit's own
(`erfakit/lab/labextensions/erfakit-lab`) that runs a notebook marked
``metadata.erfakit.run_on_open`` when it is opened, so the tovholder sees the forms, not code.
Both apply only to JupyterLab started by `erfakit lab`; the server runs through `serving.serve`
(token, address printed when it answers, no process left after Ctrl+C, SIGTERM or SIGHUP).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

from erfakit.cli.common import help_text, say, write_meeting_notebook
from erfakit.cli.serving import (
    LOOPBACK,
    ServerPlan,
    free_port,
    jupyter_server_options,
    new_token,
    serve,
    server_environment,
)
from erfakit.io.atomic import write_text_atomic

LAB_SETTINGS = Path(__file__).resolve().parent.parent / "lab"
"""JupyterLab defaults for a calm first screen (overrides.json)."""
LAB_EXTENSIONS = LAB_SETTINGS / "labextensions"
"""The kit's own prebuilt JupyterLab extension (runs the meeting notebook on open)."""
THEMES_PLUGIN = "@jupyterlab/apputils-extension:themes"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lab", help=help_text("cli.lab.help"), description=help_text("cli.lab.description"))
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.add_argument("--port", type=int, default=0, help=help_text("cli.lab.port"))
    parser.add_argument("--no-browser", action="store_true", help=help_text("cli.lab.no_browser"))
    parser.add_argument("--kun-forbered", action="store_true", help=help_text("cli.lab.prepare_only"))
    parser.set_defaults(func=run)


def meeting_notebook_for(path: Path, lang: str) -> Path:
    """Write the meeting notebook for JupyterLab beside the meeting file at ``path``; return it.

    It is marked to run when `erfakit lab` opens it (``metadata.erfakit.run_on_open``).
    """
    notebook = write_meeting_notebook(path, lang, suffix="moede", relative=True)
    mark_run_on_open(notebook)
    return notebook


def mark_run_on_open(notebook: Path) -> None:
    """Mark ``notebook`` for the kit's JupyterLab extension: run every cell once when opened."""
    import nbformat

    from erfakit.io.atomic import write_bytes_atomic

    document = nbformat.read(str(notebook), as_version=4)
    document.metadata.setdefault("erfakit", {})["run_on_open"] = True
    write_bytes_atomic(nbformat.writes(document).encode("utf-8"), notebook)


def kit_user_settings_dir() -> Path:
    """`erfakit lab`'s own JupyterLab user-settings folder, apart from the user's other JupyterLab."""
    from jupyter_core.paths import jupyter_config_dir

    return Path(jupyter_config_dir()) / "lab" / "erfakit-user-settings"


def seed_user_settings(folder: Path) -> None:
    """Write the kit's larger text into ``folder`` as a *user* setting, unless one is there already.

    JupyterLab's theme manager applies font-size overrides from the user's settings only
    (``ThemeManager.loadCSSOverrides`` reads ``settings.user.overrides``), so the same values in
    overrides.json show in the Settings editor as defaults but never change the page. Written
    once: a size the tovholder later picks in Settings stays.
    """
    import json

    target = folder / "@jupyterlab" / "apputils-extension" / "themes.jupyterlab-settings"
    if target.exists():
        return
    defaults = json.loads((LAB_SETTINGS / "overrides.json").read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(json.dumps(defaults[THEMES_PLUGIN], indent=2) + "\n", target)


def page_path(notebook: Path) -> str:
    """Where JupyterLab shows ``notebook`` (relative to the server's root, its folder)."""
    return f"/lab/tree/{quote(notebook.name)}"


def lab_command(notebook: Path, *, port: int, user_settings_dir: Path | None = None) -> list[str]:
    """The command line that starts JupyterLab on ``notebook``'s folder with the kit's settings."""
    user_settings = user_settings_dir or kit_user_settings_dir()
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        *jupyter_server_options(ip=LOOPBACK, port=port, root_dir=notebook.parent, allow_remote=False),
        f"--LabApp.app_settings_dir={LAB_SETTINGS}",
        f"--LabApp.extra_labextensions_path={LAB_EXTENSIONS}",
        f"--LabApp.user_settings_dir={user_settings}",
        # Its own update check would ask the internet at every start.
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]


def run(args: argparse.Namespace) -> int:
    from erfakit.io.meeting_file.document import load_session
    from erfakit.texts import text

    path = args.path.resolve()
    load_session(path, lang=args.lang)  # a broken file is reported here, not inside JupyterLab
    notebook = meeting_notebook_for(path, args.lang)
    say(text("cli.lab.notebook", args.lang, file=str(notebook)))
    if args.kun_forbered:
        return 0
    port = args.port or free_port()
    token = new_token()
    user_settings = kit_user_settings_dir()
    seed_user_settings(user_settings)
    plan = ServerPlan(
        kind="lab",
        command=lab_command(notebook, port=port, user_settings_dir=user_settings),
        environment=server_environment(token),
        cwd=notebook.parent,
        base_url=f"http://{LOOPBACK}:{port}",
        page_path=page_path(notebook),
        token=token,
        lang=args.lang,
    )
    return serve(
        plan,
        open_browser=not args.no_browser,
        announce=lambda url: text("meeting.lab.serving", args.lang, url=url, file=str(path)),
    )
