"""Writing a file so that a crash leaves the old or the new file, whole, never half of one."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from erfakit.exceptions import ErfakitError
from erfakit.texts import text


def write_bytes_atomic(data: bytes, path: Path, *, lang: str = "da") -> Path:
    """Write `data` to `path` via a temporary file in the same folder, so no half file is left.

    A folder that cannot be written (read-only, full, a file in the way) raises `ErfakitError`
    naming the file and the reason; an existing file at `path` is then untouched.
    """
    path = Path(path)
    # open(..., "xb") rather than mkstemp: the file gets the user's normal permissions, not 0600,
    # so a report written to a shared folder can be read by the colleagues it is for.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "xb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        _remove_quietly(temporary)
        raise ErfakitError(
            text("report.write_failed", lang, file=str(path), reason=error.strerror or str(error)),
            text("report.write_failed_hint", lang),
        ) from None
    except BaseException:
        _remove_quietly(temporary)
        raise
    return path


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the folder itself is the problem; the error being raised says so
