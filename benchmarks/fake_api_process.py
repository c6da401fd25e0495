"""The fake Messages API in a process of its own, as the real API is on another machine.

In the app's own process the fake server's threads (JSON, SSE framing, socket writes for every chunk) compete with
the window for the GIL, which the real API never does: measured, that added 5–10 ms to the longest UI-thread gap
of a streamed generation. `python -m benchmarks.fake_api_process` prints the base URL, serves until a line
arrives on stdin, then prints how many messages requests it answered.
"""

from __future__ import annotations

import subprocess
import sys
from types import TracebackType

STREAM_DELAY_S = 0.002
STREAM_CHUNK_CHARS = 24


class FakeApiProcess:
    """`with FakeApiProcess() as api:` → `api.base_url`; after the block, `api.requests` (messages requests)."""

    def __init__(self) -> None:
        self.base_url = ""
        self.requests = 0
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> FakeApiProcess:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.fake_api_process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.base_url = self._process.stdout.readline().strip()
        if not self.base_url.startswith("http://127.0.0.1:"):
            self._process.kill()
            raise RuntimeError("the fake Messages API did not start")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write("stop\n")
            process.stdin.flush()
            self.requests = int(process.stdout.readline().strip() or 0)
            process.wait(10)
        finally:
            if process.poll() is None:
                process.kill()


def main() -> None:
    from tests.fakes.messages_api import FakeMessagesAPI

    with FakeMessagesAPI(stream_delay=STREAM_DELAY_S, stream_chunk_chars=STREAM_CHUNK_CHARS) as api:
        print(api.base_url, flush=True)
        sys.stdin.readline()
        print(len(api.message_requests()), flush=True)


if __name__ == "__main__":
    main()
