"""A hard time limit for reading a file, without paying for a child process on every import.

A damaged or hostile PDF can keep pypdf busy for minutes. Two ways to stop it:

* **In process, with a deadline** (the default for ordinary files). The work runs in the calling thread; a
  watchdog thread raises `_Deadline` (a `BaseException`, so pypdf's `except Exception` cannot swallow it) in
  that thread with `PyThreadState_SetAsyncExc` once the time is up, and again every 0.2 s until it stops.
  Costs a thread start (~0.1 ms). Works on every OS and in any thread (the GUI's workers too). It stops any
  loop that runs Python code, which is where pypdf spends its time; it cannot interrupt one long C call.
* **In a child process that is killed** (files the cheap byte-level pre-scan calls risky: large, truncated,
  deeply nested, very many objects — the cases that can sit in C code such as zlib or a rebuild of the
  cross-reference table). `fork` on Linux when the process has a single thread (~30 ms), else `spawn`
  (~0.5–0.9 s: Windows, macOS, and the multi-threaded GUI, where forking is unsafe).
"""

from __future__ import annotations

import ctypes
import io
import multiprocessing as mp
import sys
import threading
import zipfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from careervp_desktop.domain.errors import BadInputError, PasswordRequiredError

if TYPE_CHECKING:
    from careervp_desktop.ingest.extract import ExtractedDocument

T = TypeVar("T")

RISKY_BYTES = 3 * 1024 * 1024
RISKY_OBJECTS = 4000
RISKY_DOCX_XML_BYTES = 8 * 1024 * 1024
_NESTING_MARKS = (b"[" * 32, b"[ " * 32, b"<<" * 32, b"<< " * 32, b"[\n" * 32, b"<<\n" * 32)


class _Deadline(BaseException):
    """Raised inside the working thread when its time is up (a BaseException on purpose)."""


def _too_slow(path: Path, timeout: float) -> BadInputError:
    return BadInputError(
        f"{path.name} took longer than {timeout:g} s to read (damaged or unusual file?): export your CV again "
        "as PDF or DOCX."
    )


# --------------------------------------------------------------------------------------------------- pre-scan
def risk_of(path: Path, data: bytes) -> str | None:
    """Why reading this file could hang in C code (then it goes to a child process), or None. Byte-level and
    cheap (~1 ms for a typical CV)."""
    if len(data) > RISKY_BYTES:
        return "large file"
    if data[:1024].find(b"%PDF-") >= 0:
        if b"%%EOF" not in data[-2048:]:
            return "truncated PDF"
        if data.count(b" obj") > RISKY_OBJECTS:
            return "many objects"
        if any(mark in data for mark in _NESTING_MARKS):
            return "deep nesting"
        return None
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if sum(i.file_size for i in zf.infolist()) > RISKY_DOCX_XML_BYTES:
                    return "large archive"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "damaged archive"
    return None


# --------------------------------------------------------------------------------------------------- in process
def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)


def run_with_deadline(fn: Callable[[], T], *, timeout: float, path: Path) -> T:
    """`fn()` in this thread, interrupted after `timeout` seconds (then `BadInputError`)."""
    target = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()

    def watchdog() -> None:
        if done.wait(timeout):
            return
        while True:
            with lock:
                if done.is_set():
                    return
                _async_raise(target, _Deadline)
            if done.wait(0.2):
                return

    guard = threading.Thread(target=watchdog, name="careervp-read-deadline", daemon=True)
    guard.start()
    timed_out = False
    try:
        try:
            return fn()
        finally:
            _finish(lock, done, target)
    except _Deadline:
        timed_out = True
    finally:
        if timed_out:
            _finish(lock, done, target)
    raise _too_slow(path, timeout)


def _finish(lock: threading.Lock, done: threading.Event, target: int) -> None:
    """Stop the watchdog and clear an exception it may have queued; itself safe against that exception."""
    while True:
        try:
            with lock:
                done.set()
                _async_raise(target, None)
            return
        except _Deadline:
            continue


# --------------------------------------------------------------------------------------------------- child
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


def child_context() -> str:
    """`fork` where it is cheap and safe (Linux, one thread), else `spawn`."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def run_in_child(path: Path, *, password: str | None, timeout: float) -> ExtractedDocument:
    from careervp_desktop.ingest.extract import ExtractedDocument

    ctx: Any = mp.get_context(child_context())  # typeshed's BaseContext lacks Process
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), password, child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise _too_slow(path, timeout)
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


def run_with_timeout(
    path: Path, *, password: str | None, timeout: float, isolate: bool | None = None
) -> ExtractedDocument:
    """Extract `path` within `timeout` seconds. `isolate`: True = always a child process, False = always in
    process, None = a child only when the pre-scan finds the file risky."""
    from careervp_desktop.ingest.extract import _extract, read_checked_bytes

    data = read_checked_bytes(path)
    if isolate is None:
        isolate = risk_of(path, data) is not None
    if isolate:
        return run_in_child(path, password=password, timeout=timeout)
    return run_with_deadline(lambda: _extract(path, password=password, data=data), timeout=timeout, path=path)
