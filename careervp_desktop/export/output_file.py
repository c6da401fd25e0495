"""Writing an export to disk: atomically, with a one-line error the user can act on."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from careervp_desktop.domain.errors import BadInputError


def write_atomically(data: bytes, path: Path, *, what: str) -> Path:
    """Write `data` to a temporary file beside `path`, then rename it into place (a reader never sees half a
    file, an old file survives a failed write). Creates missing parent folders. OSError -> `BadInputError`."""
    path = Path(path)
    tmp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BadInputError(
            f"Cannot save the {what} to {path}: {reason}. Choose a folder you can write to, or close the file "
            "if another program has it open."
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path
