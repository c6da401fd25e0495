"""What Claude is writing, readable while it streams.

Claude answers with JSON; the user wants to see sentences, not braces. `StreamPreview` is fed the streamed chunks
as they come and keeps the string *values* of the JSON (keys dropped, escapes decoded), one per line: the text of
the document taking shape. Incremental — each chunk is scanned once — because a reply arrives in hundreds of
chunks and re-reading all of it for each would cost the UI thread quadratic time.
"""

from __future__ import annotations

from collections.abc import Callable

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "", "f": "", "n": " ", "r": " ", "t": " "}


class StreamPreview:
    """Feed it chunks of a JSON reply; `text()` is the readable part so far (the last `keep` characters)."""

    def __init__(self, keep: int = 4000, restore: Callable[[str], str] | None = None) -> None:
        """`restore` puts the user's details back where the request had placeholders ({{NAME}} → the name)."""
        self._keep = keep
        self._restore = restore
        self.reset()

    def reset(self) -> None:
        """Forget what was read (a new document, or a new attempt at one)."""
        self._lines: list[str] = []  # finished string values
        self._current: list[str] = []  # the string being read
        self._in_string = False
        self._escape = ""  # "" | "\\" | "\\u…" (a partial escape)
        self._pending: str | None = None  # a finished string: a value unless a ':' follows (then it was a key)

    def feed(self, chunk: str) -> None:
        for ch in chunk:
            if self._in_string:
                self._read_string_char(ch)
            elif ch == '"':
                self._settle_pending(is_key=False)
                self._in_string = True
            elif ch == ":":
                self._settle_pending(is_key=True)
            elif not ch.isspace():
                self._settle_pending(is_key=False)

    def text(self) -> str:
        """Finished values, then the one being written (which, with a space in it, is no key)."""
        lines = list(self._lines)
        if self._pending is not None:
            lines.append(self._pending)
        current = "".join(self._current)
        if self._in_string and " " in current:
            lines.append(current)
        text = "\n".join(line for line in lines if _is_prose(line))
        if self._restore is not None:
            text = self._restore(text)
        opened = text.rfind("{{")
        if opened != -1 and "}}" not in text[opened:]:
            text = text[:opened].rstrip()  # a placeholder still streaming in ("{{CANDIDATE_NAM"): wait for it
        text = text[-self._keep :]
        # \ud83d\ude00-style escapes arrive as two halves: pair them (a lone half becomes U+FFFD).
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")

    def _read_string_char(self, ch: str) -> None:
        if self._escape:
            self._escape += ch
            if self._escape[1] != "u":
                self._current.append(_ESCAPES.get(ch, ch))
                self._escape = ""
            elif len(self._escape) == 6:
                digits = self._escape[2:]
                if all(c in "0123456789abcdefABCDEF" for c in digits):  # a broken escape is dropped
                    self._current.append(chr(int(digits, 16)))
                self._escape = ""
        elif ch == "\\":
            self._escape = "\\"
        elif ch == '"':
            self._in_string = False
            self._pending = "".join(self._current)
            self._current = []
        else:
            self._current.append(ch)

    def _settle_pending(self, *, is_key: bool) -> None:
        if self._pending is not None:
            if not is_key:
                self._lines.append(self._pending)
                if len(self._lines) > 200:
                    del self._lines[:100]
            self._pending = None


def _is_prose(value: str) -> bool:
    """Values worth showing: words, not enum codes ("strong", "critical") or ids."""
    return " " in value.strip()
