"""Progress of long runs, on stderr: a bar per stage on a terminal (rich), a few plain lines otherwise.

Only the command-line layer makes one; the stages just call
``progress(done, total)`` as their work completes.  Stages with fewer than
`min_items` items are over before a bar would help, and show nothing.
"""

from __future__ import annotations

from typing import Callable, TextIO

MIN_ITEMS = 50
# Not on a terminal (a log, CI): a line at each of these fractions of a stage.
PLAIN_STEPS = (0.25, 0.5, 0.75, 1.0)


class StageProgress:
    """`stage(label)` gives the (done, total) callback of one stage; close() when the run ends."""

    def __init__(self, stream: TextIO, *, terminal: bool | None = None, min_items: int = MIN_ITEMS):
        self.stream = stream
        self.terminal = stream.isatty() if terminal is None else terminal
        self.min_items = min_items
        self._bars = None  # rich.progress.Progress, started on the first bar

    def stage(self, label: str) -> Callable[[int, int], None]:
        task = None
        shown = 0  # plain lines printed

        def advance(done: int, total: int) -> None:
            nonlocal task, shown
            if total < self.min_items:
                return
            if not self.terminal:
                while shown < len(PLAIN_STEPS) and done >= PLAIN_STEPS[shown] * total:
                    self.stream.write(f"{label}: {done}/{total}\n")
                    shown += 1
                return
            if task is None:
                task = self._progress().add_task(label, total=total)
            self._bars.update(task, completed=done, total=total)

        return advance

    def _progress(self):
        if self._bars is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bars = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), console=Console(file=self.stream, force_terminal=True), transient=False)
            self._bars.start()
        return self._bars

    def close(self) -> None:
        if self._bars is not None:
            self._bars.stop()
            self._bars = None
