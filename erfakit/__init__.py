"""erfakit: a Jupyter facilitation kit for "Erfaringsgruppe 4 – videre forløb".

The meeting file from Python::

    from erfakit import SessionStore, list_versions, restore_version
    store = SessionStore.open("moede.json")      # the lock says who else has it open
    list_versions(store.path)                    # earlier versions, newest first

The forms are in `erfakit.ui`, the report in `erfakit.report`, the analyst's import in
`erfakit.io.composition.assemble`.
"""

from erfakit.core.model import SCHEMA_VERSION, Session
from erfakit.io.meeting_file.document import load_session, loads_session, save_session
from erfakit.io.meeting_file.history import list_versions
from erfakit.io.meeting_file.store import SessionStore, restore_version

__all__ = [
    "SCHEMA_VERSION",
    "Session",
    "SessionStore",
    "list_versions",
    "load_session",
    "loads_session",
    "restore_version",
    "save_session",
]
__version__ = "0.1.0"
