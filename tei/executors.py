"""Where the per-document work of a build runs: here, in local worker processes, or on a Dask cluster.

A build hands an executor a task function and the work items; the executor
runs the function on chunks of items and gives the results back in the order
of the items, whatever order the workers finish in, so that a build's reports
and outputs do not depend on where it ran.

Task functions are pure: bytes and small facts in, bytes and small facts out
(encode_sources in tei/convert.py, check_chunk in tei/validate.py, render_pages
and the other jobs in tei/render.py).  Workers never write the edition's files;
the build does, so the Dask workers of a cluster need the package installed but
not the edition's folders.

saxonche allows one Saxon processor per process (tei/saxon.py), so worker
processes are started with "spawn" (they inherit no Saxon state from the
parent), and each compiles the stylesheets and schemas once, on its first
task, and reuses them for every later one.  Dask workers must likewise run
one thread each (`dask worker --nthreads 1`): the processor is per process.

At most a few chunks per worker are in flight at a time, so a build of
10,000 documents never holds them all in memory.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Chunks in flight per worker: enough to keep every worker busy while the
# build writes the results of the previous chunk, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3
# A worker process is replaced after this many tasks.  Saxon's heap (a GraalVM
# native image) grows with the work done and is not given back, so without
# replacement a worker's memory grows with the size of the edition; a new worker
# costs about half a second (imports, compiling the stylesheets).
TASKS_PER_WORKER = 128


class Executor(Protocol):
    """Runs task(chunk) -> list of results, one per item, for chunks of items."""

    workers: int

    def map(self, task: Callable[[list[T]], list[R]], items: Iterable[T], chunk: int) -> Iterator[R]: ...

    def release(self) -> None:
        """Let the workers go while other work runs (they start again when needed)."""

    def close(self) -> None: ...


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class SerialExecutor:
    """Everything in this process: for one worker, and for the few documents of an incremental rebuild."""

    workers = 1

    def map(self, task: Callable[[list[T]], list[R]], items: Iterable[T], chunk: int) -> Iterator[R]:
        for part in _chunks(items, chunk):
            yield from task(part)

    def release(self) -> None:
        pass

    def close(self) -> None:
        pass


class _Windowed:
    """In-order results from a submit function, with a bounded number of chunks in flight."""

    workers: int

    def _submit(self, task: Callable[[list[T]], list[R]], chunk: list[T]) -> Any: ...

    def _result(self, future: Any) -> list[R]: ...

    def map(self, task: Callable[[list[T]], list[R]], items: Iterable[T], chunk: int) -> Iterator[R]:
        pending: deque[Any] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for part in _chunks(items, chunk):
            pending.append(self._submit(task, part))
            if len(pending) >= limit:
                yield from self._result(pending.popleft())
        while pending:
            yield from self._result(pending.popleft())


class ProcessExecutor(_Windowed):
    """A pool of local worker processes (spawned, so each makes its own Saxon processor)."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None  # started on first use: small rebuilds never pay for it

    def _submit(self, task: Callable[[list[T]], list[R]], chunk: list[T]) -> Future:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                             max_tasks_per_child=TASKS_PER_WORKER)
        return self._pool.submit(task, chunk)

    def _result(self, future: Future) -> list[R]:
        return future.result()

    def release(self) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskExecutor(_Windowed):
    """The tasks of a build on a Dask distributed cluster (the optional extra tei-edition[dask])."""

    def __init__(self, scheduler: str | None, workers: int | None = None):
        try:
            from dask.distributed import Client
        except ImportError:
            raise ExecutorError("the Dask executor needs the optional extra: pip install 'tei-edition[dask]'") from None
        try:
            self._client = Client(scheduler, set_as_default=False) if scheduler else Client(
                processes=True, n_workers=workers or available_cpus(), threads_per_worker=1, set_as_default=False,
                dashboard_address=None)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        self._own_cluster = scheduler is None
        info = self._client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def _submit(self, task: Callable[[list[T]], list[R]], chunk: list[T]) -> Any:
        return self._client.submit(task, chunk, pure=False)

    def _result(self, future: Any) -> list[R]:
        return future.result()

    def release(self) -> None:
        pass  # the cluster's workers are not ours to stop

    def close(self) -> None:
        cluster = self._client.cluster if self._own_cluster else None
        self._client.close()
        if cluster is not None:
            cluster.close()


class ExecutorError(Exception):
    """The executor asked for cannot be used (Dask missing, scheduler unreachable)."""


def make_executor(kind: str = "local", jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """"local": `jobs` worker processes (default: every CPU; 1 runs here); "dask": the cluster at `scheduler`."""
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    jobs = jobs or available_cpus()
    return SerialExecutor() if jobs <= 1 else ProcessExecutor(jobs)


def run(executor: Executor, task: Callable[[list[T]], list[R]], items: Iterable[T], count: int, chunk: int,
        small: int = 0) -> Iterator[R]:
    """executor.map of `count` items, except that `small` or fewer run here, on a local executor:
    starting worker processes would cost more than they save.  (A Dask cluster is always used.)"""
    if count <= small and not isinstance(executor, DaskExecutor):
        return SerialExecutor().map(task, items, chunk)
    return executor.map(task, items, chunk)
