"""erfakit's own widgets: anywidget modules whose JavaScript travels inside the package (no build step).

* `TextField`: a text field that keeps every keystroke in the browser too (`text_field.py`).
* `DateField`: a Danish date field with its own calendar, whatever the browser's language (`date_field.py`).
* `ConnectionStatus`: the header's save state, decided in the browser, with the banner (`status.py`).
"""

from erfakit.ui.widgets.date_field import DateField
from erfakit.ui.widgets.status import ConnectionStatus
from erfakit.ui.widgets.text_field import TextField

__all__ = ["ConnectionStatus", "DateField", "TextField"]
