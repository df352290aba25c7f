"""A one-line progress bar for long runs on a terminal.

Twenty lines instead of a dependency (tqdm): all it needs is to redraw one
line in place, and only the CLI uses it, on stderr, when stderr is a terminal.
"""

from __future__ import annotations

from typing import TextIO


class ProgressBar:
    """Call with (done, total) as work completes; close() clears the line."""

    def __init__(self, stream: TextIO, label: str, width: int = 30):
        self.stream = stream
        self.label = label
        self.width = width
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent == self._shown:  # redraw only when the bar changes: a terminal write per file is slow
            return
        self._shown = percent
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} ({percent}%)")
        self.stream.flush()

    def close(self) -> None:
        if self._shown >= 0:
            self.stream.write("\r" + " " * (len(self.label) + self.width + 30) + "\r")
            self.stream.flush()
