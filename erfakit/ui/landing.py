"""The landing page on a JupyterHub: pick an afdeling, then open one of its meetings in one click.

    from erfakit.ui.landing import show_landing
    show_landing(".")     # the shared root: one folder per afdeling

Rendered by Voilà as the hub's start page (``notebooks/start.ipynb``, see ``deploy/jupyterhub/``).
Choosing an afdeling writes (or refreshes) each meeting's app notebook beside its meeting file and
shows a link to it in the app mode; the folders' Unix permissions decide what the user may open,
and a folder the user may not enter says so in Danish instead of going missing.

CSS classes (stable, the hub tests code against them): ``erfakit-landing`` (the page),
``erfakit-landing-afdeling`` (the afdeling Dropdown), ``erfakit-landing-refresh`` (button),
``erfakit-landing-meetings`` (the meeting table), ``erfakit-landing-open`` (each meeting's link into
the app mode), ``erfakit-landing-status``, ``erfakit-landing-lab``, ``erfakit-landing-refused`` (no
access to the folder), ``erfakit-landing-notice``.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from erfakit.core.formatting import format_date, format_time
from erfakit.exceptions import ErfakitError
from erfakit.io.meeting_file.store import describe_person, describe_since
from erfakit.io.shared_folders import (
    AfdelingFolder,
    MeetingEntry,
    app_notebook_path,
    app_url,
    lab_url,
    list_afdelinger,
    list_meetings,
    server_prefix,
    write_app_notebook,
)
from erfakit.texts import text
from erfakit.ui.feedback import MessageArea, on_click, run_guarded

CSS = """
.erfakit-landing { max-width: 70em; font-size: 1.1em; }
.erfakit-landing h1 { font-size: 1.6em; margin: 0.3em 0; }
.erfakit-landing select { font-size: 1.1em; min-width: 22em; }
.erfakit-landing-meetings table { border-collapse: collapse; margin: 0.6em 0; width: 100%; }
.erfakit-landing-meetings th, .erfakit-landing-meetings td {
  border-bottom: 1px solid #ccc; padding: 0.5em 0.8em; text-align: left; vertical-align: middle; }
.erfakit-landing-open { display: inline-block; background: #0b7285; color: #fff !important;
  padding: 0.45em 1.1em; border-radius: 4px; text-decoration: none; font-weight: bold; }
.erfakit-landing-open:focus, .erfakit-landing-open:hover { background: #095c6b; outline: 3px solid #ffbf47; }
.erfakit-landing-notice { background: #fff7d6; border-left: 4px solid #b58900; padding: 0.5em 0.9em; }
.erfakit-landing-refused { background: #fde8e8; border-left: 4px solid #b42318; padding: 0.5em 0.9em; }
"""


class Landing:
    """The afdeling choice and the meeting list of one shared root."""

    def __init__(self, root: str | Path = ".", *, lang: str = "da", prefix: str | None = None) -> None:
        self.root = Path(root)
        self.lang = lang
        self.prefix = server_prefix() if prefix is None else prefix
        self.message = MessageArea(lang)
        self.folders: list[AfdelingFolder] = []
        self.choice = widgets.Dropdown(description=text("landing.afdeling", lang), layout=widgets.Layout(width="auto"))
        self.choice.add_class("erfakit-landing-afdeling")
        self.meetings = widgets.HTML()
        self.meetings.add_class("erfakit-landing-meetings")
        self.refresh_button = widgets.Button(description=text("landing.refresh", lang), icon="refresh")
        self.refresh_button.add_class("erfakit-landing-refresh")
        on_click(self.refresh_button, self.message, self.refresh)
        self._quiet = False
        self.choice.observe(self._on_choice, names="value")
        header = widgets.HTML(
            f"<style>{CSS}</style><h1>{html.escape(text('landing.title', lang))}</h1>"
            f"<p>{html.escape(text('landing.intro', lang))}</p>"
        )
        self.widget = widgets.VBox(
            [header, widgets.HBox([self.choice, self.refresh_button]), self.meetings, self.message.widget]
        )
        self.widget.add_class("erfakit-landing")
        run_guarded(self.refresh, self.message)

    def refresh(self) -> None:
        """Read the shared root again (new folders, new meetings, who has what open)."""
        self.folders = list_afdelinger(self.root)
        if not self.folders:
            self.choice.options = []
            self.meetings.value = _box("notice", text("landing.no_folders", self.lang, root=str(self.root.resolve())))
            return
        options = [(self._option_label(folder), folder.name) for folder in self.folders]
        chosen = self.choice.value
        if chosen not in {folder.name for folder in self.folders}:
            readable = [folder.name for folder in self.folders if folder.readable]
            chosen = readable[0] if readable else self.folders[0].name
        # Setting the options resets the value: show the meetings once, for the final choice.
        self._quiet = True
        try:
            self.choice.options = options
            self.choice.value = chosen
        finally:
            self._quiet = False
        self.show_chosen()

    def _on_choice(self, _change: object) -> None:
        if not self._quiet:
            run_guarded(self.show_chosen, self.message)

    def show_chosen(self) -> None:
        """Show the chosen afdeling's meetings, each with its link into the app mode."""
        folder = next((f for f in self.folders if f.name == self.choice.value), None)
        if folder is None:
            self.meetings.value = ""
            return
        if not folder.readable:
            self.meetings.value = _box(
                "refused", text("landing.refused", self.lang, folder=folder.name, group=folder.group)
            )
            return
        entries = list_meetings(folder.path, lang=self.lang)
        if not entries:
            self.meetings.value = _box("notice", text("landing.no_meetings", self.lang, folder=folder.name))
            return
        parts = []
        if not folder.writable:
            parts.append(
                _box("notice", text("landing.read_only_folder", self.lang, folder=folder.name, group=folder.group))
            )
        rows = "".join(self._row(folder, entry) for entry in entries)
        head = "".join(
            f"<th>{html.escape(text(key, self.lang))}</th>"
            for key in ("landing.column_meeting", "landing.column_file", "landing.column_status")
        )
        parts.append(f"<table><thead><tr>{head}<th></th></tr></thead><tbody>{rows}</tbody></table>")
        lab = html.escape(lab_url(folder.path, self.root, self.prefix))
        parts.append(
            f"<p><a class='erfakit-landing-lab' href='{lab}'>{html.escape(text('landing.lab', self.lang))}</a></p>"
        )
        self.meetings.value = "".join(parts)

    def _row(self, folder: AfdelingFolder, entry: MeetingEntry) -> str:
        file_cell = f"<td><code>{html.escape(entry.path.name)}</code></td>"
        if entry.session is None:
            return f"<tr><td>–</td>{file_cell}<td colspan='2'>{html.escape(entry.problem)}</td></tr>"
        meeting = entry.session.meeting
        title = (
            f"{meeting.afdeling} · {format_date(meeting.date, self.lang, weekday=True)} "
            f"{format_time(meeting.start_time, self.lang)}"
        )
        if entry.holder is not None:
            status = text(
                "landing.open_by",
                self.lang,
                who=describe_person(entry.holder),
                since=describe_since(entry.holder, self.lang),
            )
        else:
            status = text("landing.free", self.lang)
        try:
            notebook = write_app_notebook(entry.path, lang=self.lang) if folder.writable else None
        except ErfakitError as error:
            notebook, status = None, text("landing.cannot_prepare", self.lang, reason=error.message)
        if notebook is None and app_notebook_path(entry.path).is_file():
            notebook = app_notebook_path(entry.path)  # read-only folder: the one the group already has
        if notebook is None:
            action = ""
        else:
            url = html.escape(app_url(notebook, self.root, self.prefix))
            tip = html.escape(text("landing.open_title", self.lang, file=entry.path.name))
            label = html.escape(text("landing.open", self.lang))
            action = f"<a class='erfakit-landing-open' href='{url}' title='{tip}'>{label}</a>"
        return (
            f"<tr><td>{html.escape(title)}</td>{file_cell}<td class='erfakit-landing-status'>{html.escape(status)}</td>"
            f"<td>{action}</td></tr>"
        )

    def _option_label(self, folder: AfdelingFolder) -> str:
        if not folder.readable:
            return text("landing.no_access_option", self.lang, folder=folder.name)
        if not folder.writable:
            return text("landing.read_only_option", self.lang, folder=folder.name)
        return folder.name


def _box(kind: str, message: str) -> str:
    role = " role='alert'" if kind == "refused" else ""
    return f"<div class='erfakit-landing-{kind}'{role}>{html.escape(message)}</div>"


def show_landing(root: str | Path = ".", *, lang: str = "da") -> widgets.Widget:
    """The landing page for the shared root ``root`` (a notebook cell's result)."""
    return Landing(root, lang=lang).widget
