"""How long work reports itself on stderr: a live bar on a terminal, one line otherwise.

On a terminal (and without `--quiet`) a `rich` bar shows what is done, the rate, the
failures and the time left, once the inputs have been counted in the background. Piped or
redirected, nothing is shown until the end, then one summary line, so logs stay short.
`--quiet` leaves only the errors. Errors are printed as they happen, above the bar.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text


class _Rate(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "–/s", style="progress.data.speed")


class Tracker:
    """Counts a batch's outcomes and says so on stderr; a context manager.

    `count`, if given, says how many inputs there are (it runs in a background thread, only
    when the bar is shown) so the bar can tell the time left. The caller sets `summary`, the line
    printed at the end unless `quiet`.
    """

    def __init__(self, what: str, *, quiet: bool = False, count: Callable[[], int] | None = None) -> None:
        self.what = what
        self.quiet = quiet
        self.done = 0
        self.failed = 0
        self.total: int | None = None
        self.summary: str | None = None
        self._count = count
        self._bar: Progress | None = None
        self._task: Any = None

    @property
    def live(self) -> bool:
        """Whether a bar is shown: stderr is a terminal and `--quiet` was not given."""
        return not self.quiet and sys.stderr.isatty()

    def __enter__(self) -> Tracker:
        if self.live:
            self._bar = Progress(
                TextColumn(f"{self.what}"),
                BarColumn(),
                MofNCompleteColumn(),
                _Rate(),
                TextColumn("{task.fields[failed]} failed"),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                redirect_stdout=False,  # stdout carries the data, never the bar
                transient=True,
            )
            self._task = self._bar.add_task(self.what, total=None, failed=0)
            self._bar.start()
            if self._count is not None:
                threading.Thread(target=self._total, daemon=True).start()
        return self

    def _total(self) -> None:
        assert self._count is not None and self._bar is not None
        self._bar.update(self._task, total=self._count())

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        if self._bar is not None:
            self._bar.update(self._task, advance=1, failed=self.failed)

    def set(self, done: int, total: int | None = None) -> None:
        """For work that reports its own count ("scored 3/10")."""
        self.done, self.total = done, total
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total)

    def error(self, message: str) -> None:
        """An error about one input: printed at once, above the bar, even with --quiet."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
        if not self.quiet and self.summary:
            print(self.summary, file=sys.stderr)
