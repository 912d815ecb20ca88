"""The invented demo afdeling, ready to run: used by `erfakit demo`, the tests and the screenshots.

`data/demo/moede.json` is a completed meeting of the invented "Afdeling 7 – Lærkeparken";
`data/demo/beboere.csv` and `data/demo/bestyrelse.csv` are its analyst's composition files. No
real person's data is in any of them.
"""

from __future__ import annotations

from pathlib import Path

from erfakit.core.model import MeetingPlan, Origin, Session, Topics
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.resources import data_path

DEMO_FILE_NAME = "demo-moede.json"


def prepare_demo(folder: str | Path, *, filled: bool = True) -> Path:
    """Write the demo meeting file into ``folder`` and return its path.

    With ``filled`` the meeting is completed (answers, partners, today's agreements, plan); without,
    it holds only what the analyst prepares: facts, participants, earlier agreements, composition.
    The composition is imported from the demo's analyst files each time, as an analyst would.
    """
    # Imported here: the importer pulls in openpyxl, which the meeting forms never need.
    from erfakit.io.composition.assemble import read_composition

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    session = load_session(data_path("demo/moede.json"))
    if not filled:
        session = prepared_only(session)
    session.composition = read_composition(data_path("demo/beboere.csv"), data_path("demo/bestyrelse.csv"))
    target = folder / DEMO_FILE_NAME
    save_session(session, target)
    return target


def prepared_only(session: Session) -> Session:
    """``session`` as the analyst hands it over: nothing typed during the meeting yet."""
    return session.model_copy(
        update={
            "since_last": {},
            "answers": {},
            "partners": [],
            "dismissed_merges": [],
            "agreements": [a for a in session.agreements if a.origin == Origin.EARLIER],
            "plan": MeetingPlan(),
            "topics": Topics(),
        },
        deep=True,
    )
