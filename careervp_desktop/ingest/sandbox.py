"""Run text extraction in a child process with a hard time limit.

A damaged or hostile PDF can keep pypdf busy for minutes, and a Python thread cannot be stopped: the child
process is killed instead. `spawn` (not fork) so that it is safe next to Qt threads in the GUI.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from careervp_desktop.domain.errors import BadInputError, PasswordRequiredError

if TYPE_CHECKING:
    from careervp_desktop.ingest.extract import ExtractedDocument


def _child(path: str, password: str | None, conn: Connection) -> None:
    from careervp_desktop.ingest.extract import _extract

    try:
        doc = _extract(Path(path), password=password)
        conn.send(("ok", doc.text, list(doc.links)))
    except PasswordRequiredError as exc:
        conn.send(("password", exc.message, []))
    except BadInputError as exc:
        conn.send(("bad", exc.message, []))
    except Exception as exc:  # a bug: report its type, the parent turns it into one line
        conn.send(("bug", type(exc).__name__, []))
    finally:
        conn.close()


def run_with_timeout(path: Path, *, password: str | None, timeout: float) -> ExtractedDocument:
    from careervp_desktop.ingest.extract import ExtractedDocument

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), password, child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise BadInputError(
                f"{path.name} took longer than {timeout:g} s to read (damaged or unusual PDF?): export your CV "
                "again as PDF or DOCX."
            )
        try:
            status, payload, links = parent.recv()
        except EOFError:
            raise BadInputError(
                f"{path.name} could not be read (the reader stopped unexpectedly): export your CV again as PDF or DOCX."
            ) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "ok":
        return ExtractedDocument(text=payload, links=tuple(links))
    if status == "password":
        raise PasswordRequiredError(payload)
    if status == "bad":
        raise BadInputError(payload)
    raise BadInputError(f"{path.name} could not be read ({payload}): export your CV again as PDF or DOCX.")
