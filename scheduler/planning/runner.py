"""Run solves in the background: one job per key, live progress, cooperative stop, failures kept.

The web layer submits a job (a callable taking a JobContext), polls `status(key)` for the page,
calls `stop(key)` for the Stop button, and stores results through the `on_finish` hook. Nothing
here imports Flask or the database, so any callable can run and be tested on its own.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .runner_store import (
    FAILED,
    FINISHED,
    RUNNING,
    STOPPED,
    MemoryProgressStore,
    ProgressStore,
    RedisProgressStore,
)

__all__ = [
    "FAILED",
    "FINISHED",
    "MESSAGES",
    "RUNNING",
    "STOPPED",
    "AlreadyRunning",
    "InProcessRunner",
    "JobContext",
    "JobHandle",
    "JobStatus",
    "MemoryProgressStore",
    "ProgressStore",
    "RedisProgressStore",
    "SolveRunner",
    "make_runner",
]

logger = logging.getLogger(__name__)

# User-facing messages (simple format strings, ready for Flask-Babel).
MESSAGES = {
    "already_running": {
        "vi": "Đang có một lượt giải cho “{key}”; hãy chờ lượt đó xong hoặc bấm Dừng rồi chạy lại.",
        "en": "A solve for “{key}” is already running; wait for it to finish or stop it first.",
    },
}

OnFinish = Callable[[str, Any, "str | None"], None]


class AlreadyRunning(RuntimeError):
    """Raised when a job is submitted for a key that already has a running job."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(self.message("vi"))

    def message(self, lang: str = "vi") -> str:
        """Return the refusal in `lang` (Vietnamese by default)."""
        entry = MESSAGES["already_running"]
        return entry.get(lang, entry["vi"]).format(key=self.key)


@dataclass(frozen=True)
class JobStatus:
    """What a page shows about a job: its state, elapsed time, latest progress and error."""

    key: str
    state: str
    started_at: float
    finished_at: float | None = None
    progress: dict | None = None
    progress_elapsed: float | None = None
    error: str | None = None
    traceback: str | None = None
    result: Any = field(default=None, compare=False, repr=False)

    @property
    def running(self) -> bool:
        """Return True while the job has not ended."""
        return self.state == RUNNING

    @property
    def elapsed(self) -> float:
        """Return the seconds the job has run (until it ended, or until now)."""
        return max(0.0, (self.finished_at or time.time()) - self.started_at)

    def to_dict(self) -> dict:
        """Return the JSON-able part of the status (everything but the result), for a poll."""
        names = ("key", "state", "started_at", "finished_at", "progress", "error")
        return {**{n: getattr(self, n) for n in names}, "elapsed": round(self.elapsed, 3)}


class JobContext:
    """What a running job gets: `report(progress)` and `stop_event`."""

    def __init__(self, key: str, store: ProgressStore):
        self.key = key
        self.stop_event = threading.Event()
        self._store = store
        self._t0 = time.monotonic()

    @property
    def stopped(self) -> bool:
        """Return True once a stop was requested."""
        return self.stop_event.is_set()

    def elapsed(self) -> float:
        """Return the seconds since the job started."""
        return time.monotonic() - self._t0

    def report(self, progress: dict) -> None:
        """Store the job's latest progress; a failing store never breaks the job."""
        try:
            self._store.report(self.key, progress, self.elapsed())
        except Exception:  # progress is a nicety; the solve must go on
            logger.warning("Could not store progress of job %s", self.key, exc_info=True)


class JobHandle:
    """A submitted job, as seen by the code that submitted it."""

    def __init__(self, runner: SolveRunner, key: str):
        self.runner, self.key = runner, key

    def status(self) -> JobStatus | None:
        """Return the job's current status."""
        return self.runner.status(self.key)

    def stop(self) -> bool:
        """Ask the job to stop; return True if it was running."""
        return self.runner.stop(self.key)

    def wait(self, timeout: float | None = None) -> JobStatus | None:
        """Wait until the job ends (or `timeout` seconds) and return its status."""
        return self.runner.wait(self.key, timeout)


class SolveRunner(ABC):
    """Runs jobs in the background, at most one at a time per key."""

    @abstractmethod
    def submit(self, key: str, job: Callable[[JobContext], Any]) -> JobHandle:
        """Start `job` under `key`; raise AlreadyRunning if a job of that key is running."""

    @abstractmethod
    def status(self, key: str) -> JobStatus | None:
        """Return the status of the latest job of `key`, or None if none ran."""

    @abstractmethod
    def stop(self, key: str) -> bool:
        """Ask the running job of `key` to stop; return True if one was running."""

    @abstractmethod
    def wait(self, key: str, timeout: float | None = None) -> JobStatus | None:
        """Wait until the job of `key` ends (or `timeout` seconds); return its status."""


@dataclass
class _Running:
    """A job thread and what the runner needs to stop or await it."""

    context: JobContext
    thread: threading.Thread
    done: threading.Event = field(default_factory=threading.Event)


class InProcessRunner(SolveRunner):
    """Runs each job in a daemon thread of this process; needs no extra service."""

    def __init__(self, store: ProgressStore | None = None, on_finish: OnFinish | None = None):
        self.store = store if store is not None else MemoryProgressStore()
        self.on_finish = on_finish
        self._lock = threading.Lock()
        self._running: dict[str, _Running] = {}
        self._done: dict[str, threading.Event] = {}
        self._results: dict[str, Any] = {}

    def submit(self, key: str, job: Callable[[JobContext], Any]) -> JobHandle:
        """Start `job` under `key` in a new thread; raise AlreadyRunning if `key` is busy."""
        with self._lock:
            if key in self._running:
                raise AlreadyRunning(key)
            context = JobContext(key, self.store)
            thread = threading.Thread(
                target=self._run, args=(key, job, context), name=f"solve-{key}", daemon=True
            )
            self.store.start(key, time.time())
            running = self._running[key] = _Running(context, thread)
            self._done[key] = running.done
            self._results.pop(key, None)
        thread.start()
        logger.info("Started job %s", key)
        return JobHandle(self, key)

    def status(self, key: str) -> JobStatus | None:
        """Return the status of the latest job of `key`, with its result once it has ended."""
        record = self.store.get(key)
        if record is None:
            return None
        fields = {name: record.get(name) for name in _RECORD_FIELDS}
        return JobStatus(key=key, **fields, result=self._results.get(key))

    def stop(self, key: str) -> bool:
        """Set the stop event of the running job of `key`; return True if one was running."""
        with self._lock:
            running = self._running.get(key)
        if running is None:
            return False
        running.context.stop_event.set()
        logger.info("Stop requested for job %s", key)
        return True

    def wait(self, key: str, timeout: float | None = None) -> JobStatus | None:
        """Wait until the latest job of `key` ends (or `timeout` seconds); return its status."""
        with self._lock:
            done = self._done.get(key)
        if done is not None:
            done.wait(timeout)
        return self.status(key)

    def shutdown(self, timeout: float | None = None) -> None:
        """Ask every running job to stop and wait for their threads (at most `timeout` each)."""
        with self._lock:
            running = list(self._running.values())
        for job in running:
            job.context.stop_event.set()
        for job in running:
            job.thread.join(timeout)

    def _run(self, key: str, job: Callable[[JobContext], Any], context: JobContext) -> None:
        """Run one job, hand its outcome to on_finish, record its end and free its key."""
        result, error, trace = None, None, None
        try:
            result = job(context)
        except Exception as exc:
            error, trace = f"{type(exc).__name__}: {exc}", traceback.format_exc()
            logger.error("Job %s failed: %s\n%s", key, error, trace)
        error, trace = self._call_on_finish(key, result, error, trace)
        state = FAILED if error else STOPPED if context.stopped else FINISHED
        with self._lock:
            try:
                self.store.finish(key, state, time.time(), error, trace)
            except Exception:  # the key must be freed even if the store is down
                logger.exception("Could not record the end of job %s", key)
            self._results[key] = result if error is None else None
            running = self._running.pop(key)
        running.done.set()
        logger.info("Job %s ended: %s", key, state)

    def _call_on_finish(self, key: str, result: Any, error, trace):
        """Call the on_finish hook; a hook that raises turns the job into a failure."""
        if self.on_finish is None:
            return error, trace
        try:
            self.on_finish(key, result if error is None else None, error)
        except Exception as exc:
            hook_error, hook_trace = (
                f"on_finish: {type(exc).__name__}: {exc}",
                traceback.format_exc(),
            )
            logger.error("Job %s: %s\n%s", key, hook_error, hook_trace)
            return (f"{error}; {hook_error}" if error else hook_error), hook_trace
        return error, trace


_RECORD_FIELDS = (
    "state",
    "started_at",
    "finished_at",
    "progress",
    "progress_elapsed",
    "error",
    "traceback",
)


def make_runner(redis_url: str | None = None, on_finish: OnFinish | None = None) -> InProcessRunner:
    """Return the in-process runner, keeping progress in Redis when `redis_url` is given."""
    store = RedisProgressStore(redis_url) if redis_url else None
    return InProcessRunner(store=store, on_finish=on_finish)
