"""Where solve jobs keep their state and progress: in memory, or in Redis for many processes."""

from __future__ import annotations

import copy
import json
import threading
from abc import ABC, abstractmethod

RUNNING, FINISHED, STOPPED, FAILED = "running", "finished", "stopped", "failed"


def new_record(started_at: float) -> dict:
    """Return the record of a job that has just started (plain JSON-able data)."""
    return {
        "state": RUNNING,
        "started_at": started_at,
        "finished_at": None,
        "progress": None,
        "progress_elapsed": None,
        "error": None,
        "traceback": None,
    }


class ProgressStore(ABC):
    """Keeps one record per job key: its state, timing, latest progress and error."""

    @abstractmethod
    def start(self, key: str, started_at: float) -> None:
        """Replace the record of `key` with a fresh running one."""

    @abstractmethod
    def report(self, key: str, progress: dict, elapsed: float) -> None:
        """Store the latest progress of `key` and the job's elapsed seconds at that moment."""

    @abstractmethod
    def finish(self, key: str, state: str, finished_at: float, error=None, traceback=None):
        """Mark `key` finished, stopped or failed."""

    @abstractmethod
    def get(self, key: str) -> dict | None:
        """Return a copy of the record of `key`, or None if no job ran under it."""


class MemoryProgressStore(ProgressStore):
    """Records in a dict behind a lock; enough for one web process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._records: dict[str, dict] = {}

    def start(self, key: str, started_at: float) -> None:
        """Replace the record of `key` with a fresh running one."""
        with self._lock:
            self._records[key] = new_record(started_at)

    def report(self, key: str, progress: dict, elapsed: float) -> None:
        """Store the latest progress of `key` (a shallow copy, so the caller may reuse its dict)."""
        with self._lock:
            record = self._records.get(key)
            if record is not None:
                record["progress"], record["progress_elapsed"] = dict(progress), elapsed

    def finish(self, key: str, state: str, finished_at: float, error=None, traceback=None):
        """Mark `key` finished, stopped or failed."""
        with self._lock:
            record = self._records.setdefault(key, new_record(finished_at))
            record.update(state=state, finished_at=finished_at, error=error, traceback=traceback)

    def get(self, key: str) -> dict | None:
        """Return a copy of the record of `key`, or None."""
        with self._lock:
            record = self._records.get(key)
            return copy.deepcopy(record) if record is not None else None


class RedisProgressStore(ProgressStore):
    """Records as Redis hashes, so every web process can read any job's progress."""

    def __init__(self, url: str, prefix: str = "scheduler:solve:", ttl: int = 7 * 24 * 3600):
        import redis  # only needed when REDIS_URL is configured

        self.client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)
        self.prefix = prefix
        self.ttl = ttl  # records expire, so a process killed mid-solve leaves no record forever

    def _name(self, key: str) -> str:
        """Return the Redis key of job `key`."""
        return f"{self.prefix}{key}"

    def _write(self, key: str, fields: dict, fresh: bool = False) -> None:
        """Write JSON-encoded fields of a record and renew its expiry."""
        name = self._name(key)
        pipe = self.client.pipeline()
        if fresh:
            pipe.delete(name)
        pipe.hset(name, mapping={k: json.dumps(v, ensure_ascii=False) for k, v in fields.items()})
        pipe.expire(name, self.ttl)
        pipe.execute()

    def start(self, key: str, started_at: float) -> None:
        """Replace the record of `key` with a fresh running one."""
        self._write(key, new_record(started_at), fresh=True)

    def report(self, key: str, progress: dict, elapsed: float) -> None:
        """Store the latest progress of `key` (one round trip)."""
        self._write(key, {"progress": dict(progress), "progress_elapsed": elapsed})

    def finish(self, key: str, state: str, finished_at: float, error=None, traceback=None):
        """Mark `key` finished, stopped or failed."""
        fields = {"state": state, "finished_at": finished_at, "error": error}
        self._write(key, {**fields, "traceback": traceback})

    def get(self, key: str) -> dict | None:
        """Return the record of `key`, or None."""
        raw = self.client.hgetall(self._name(key))
        if not raw:
            return None
        return {**new_record(0.0), **{k: json.loads(v) for k, v in raw.items()}}

    def delete(self, key: str) -> None:
        """Remove the record of `key` (tests and cleanup)."""
        self.client.delete(self._name(key))
