"""The background solve runner, with real threads synchronised by events (no timing guesses)."""

import json
import logging
import os
import threading
import uuid

import pytest

from scheduler.planning.runner import (
    FAILED,
    FINISHED,
    RUNNING,
    STOPPED,
    AlreadyRunning,
    InProcessRunner,
    JobContext,
    MemoryProgressStore,
    RedisProgressStore,
    make_runner,
)

WAIT = 10  # seconds; only reached if the code under test is broken


class Recorder:
    """An on_finish hook that remembers its calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, key, result, error):
        """Record one call."""
        self.calls.append((key, result, error))


def blocking_job(started: threading.Event, release: threading.Event, result="done"):
    """Return a job that reports progress, signals `started`, and ends once `release` is set."""

    def job(ctx: JobContext):
        ctx.report({"elapsed": 0.5, "objective": 9000, "bound": 3000, "served": 4, "requests": 26})
        started.set()
        assert release.wait(WAIT)
        return result

    return job


def test_status_shows_the_latest_progress_while_the_job_runs():
    runner = InProcessRunner()
    started, release = threading.Event(), threading.Event()
    handle = runner.submit("round-1", blocking_job(started, release))
    assert started.wait(WAIT)
    status = runner.status("round-1")
    assert status.state == RUNNING and status.running
    assert status.progress == {
        "elapsed": 0.5,
        "objective": 9000,
        "bound": 3000,
        "served": 4,
        "requests": 26,
    }
    assert status.progress_elapsed >= 0 and status.elapsed >= 0
    release.set()
    final = handle.wait(WAIT)
    assert (final.state, final.result, final.error) == (FINISHED, "done", None)
    assert final.progress["served"] == 4
    json.dumps(final.to_dict())  # the poll endpoint can send it as is


def test_later_reports_replace_earlier_ones_and_are_copied():
    runner = InProcessRunner()
    seen = []

    def job(ctx):
        progress = {"objective": 10}
        for objective in (9, 7, 5):
            progress["objective"] = objective
            ctx.report(progress)
            seen.append(runner.status("k").progress["objective"])
        progress["objective"] = -1  # mutating the caller's dict after reporting changes nothing
        return "ok"

    runner.submit("k", job)
    final = runner.wait("k", WAIT)
    assert seen == [9, 7, 5]
    assert final.progress == {"objective": 5}


def test_stop_ends_a_cooperative_job_early_with_its_partial_result():
    on_finish = Recorder()
    runner = InProcessRunner(on_finish=on_finish)
    started = threading.Event()

    def job(ctx):
        ctx.report({"objective": 4000})
        started.set()
        stopped_in_time = ctx.stop_event.wait(WAIT)
        return {"best": 4000, "stopped": stopped_in_time}

    handle = runner.submit("round-2", job)
    assert started.wait(WAIT)
    assert handle.stop() is True
    final = handle.wait(WAIT)
    assert final.state == STOPPED
    assert final.result == {"best": 4000, "stopped": True}
    assert on_finish.calls == [("round-2", {"best": 4000, "stopped": True}, None)]
    assert runner.stop("round-2") is False  # nothing left to stop


def test_a_crashing_job_is_failed_with_its_error_and_the_key_can_run_again(caplog):
    on_finish = Recorder()
    runner = InProcessRunner(on_finish=on_finish)

    def broken_solve(ctx):
        ctx.report({"objective": 1})
        raise ValueError("trainer R9 does not exist")

    with caplog.at_level(logging.ERROR, logger="scheduler.planning.runner"):
        failed = runner.submit("round-3", broken_solve).wait(WAIT)
    assert failed.state == FAILED and failed.result is None
    assert failed.error == "ValueError: trainer R9 does not exist"
    assert "broken_solve" in failed.traceback and "ValueError" in failed.traceback
    assert "broken_solve" in caplog.text  # the traceback reaches the log
    assert on_finish.calls == [("round-3", None, "ValueError: trainer R9 does not exist")]

    again = runner.submit("round-3", lambda ctx: "second try").wait(WAIT)
    assert (again.state, again.result, again.error) == (FINISHED, "second try", None)


def test_a_second_submit_for_a_running_key_is_refused():
    runner = InProcessRunner()
    started, release = threading.Event(), threading.Event()
    runner.submit("round-4", blocking_job(started, release))
    assert started.wait(WAIT)
    with pytest.raises(AlreadyRunning) as refused:
        runner.submit("round-4", lambda ctx: "intruder")
    assert "round-4" in str(refused.value) and "đang có một lượt giải" in str(refused.value).lower()
    assert refused.value.message("en").startswith("A solve for “round-4” is already running")
    release.set()
    assert runner.wait("round-4", WAIT).result == "done"  # the first job was left alone
    assert runner.submit("round-4", lambda ctx: "next").wait(WAIT).result == "next"


def test_concurrent_submits_for_one_key_start_exactly_one_job():
    runner = InProcessRunner()
    release, gate = threading.Event(), threading.Barrier(8, timeout=WAIT)
    outcomes = []

    def attempt():
        gate.wait()
        try:
            runner.submit("round-5", lambda ctx: release.wait(WAIT))
            outcomes.append("started")
        except AlreadyRunning:
            outcomes.append("refused")

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    release.set()
    assert sorted(outcomes) == ["refused"] * 7 + ["started"]
    assert runner.wait("round-5", WAIT).state == FINISHED


def test_two_keys_run_side_by_side():
    runner = InProcessRunner()
    both_running = threading.Barrier(2, timeout=WAIT)  # passes only if both jobs run at once

    def job(ctx):
        both_running.wait()
        return ctx.key

    runner.submit("round-a", job)
    runner.submit("round-b", job)
    assert runner.wait("round-a", WAIT).result == "round-a"
    assert runner.wait("round-b", WAIT).result == "round-b"


def test_a_failing_on_finish_marks_the_job_failed_and_frees_the_key():
    def refuse_to_store(key, result, error):
        raise RuntimeError("database is locked")

    runner = InProcessRunner(on_finish=refuse_to_store)
    final = runner.submit("round-6", lambda ctx: "solution").wait(WAIT)
    assert final.state == FAILED
    assert final.error == "on_finish: RuntimeError: database is locked"
    assert runner.submit("round-6", lambda ctx: "x").wait(WAIT).state == FAILED


class FlakyStore(MemoryProgressStore):
    """A store that cannot save progress, like Redis going away mid-solve."""

    def report(self, key, progress, elapsed):
        """Fail every time."""
        raise ConnectionError("Redis went away")


def test_a_store_that_cannot_save_progress_does_not_break_the_solve(caplog):
    runner = InProcessRunner(store=FlakyStore())

    def job(ctx):
        ctx.report({"objective": 1})
        return "solved anyway"

    with caplog.at_level(logging.WARNING, logger="scheduler.planning.runner"):
        final = runner.submit("round-8", job).wait(WAIT)
    assert (final.state, final.result, final.progress) == (FINISHED, "solved anyway", None)
    assert "Could not store progress of job round-8" in caplog.text


def test_unknown_keys():
    runner = InProcessRunner()
    assert runner.status("nope") is None
    assert runner.wait("nope", 0) is None
    assert runner.stop("nope") is False


def test_shutdown_stops_every_running_job():
    runner = InProcessRunner()
    started = threading.Barrier(3, timeout=WAIT)

    def job(ctx):
        started.wait()
        return ctx.stop_event.wait(WAIT)

    runner.submit("a", job)
    runner.submit("b", job)
    started.wait()
    runner.shutdown(WAIT)
    assert [runner.status(k).state for k in ("a", "b")] == [STOPPED, STOPPED]
    assert [runner.status(k).result for k in ("a", "b")] == [True, True]


@pytest.fixture
def redis_url():
    """Return a reachable Redis URL (TEST_REDIS_URL or the local database 15), or skip."""
    redis = pytest.importorskip("redis")
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not reachable at {url} ({exc}); set TEST_REDIS_URL to run this test")
    return url


@pytest.fixture
def redis_stores(redis_url):
    """Return two stores on one Redis prefix, as two web processes would have; clean up after."""
    prefix = f"test:solve:{uuid.uuid4().hex}:"
    writer, reader = RedisProgressStore(redis_url, prefix), RedisProgressStore(redis_url, prefix)
    yield writer, reader
    for name in writer.client.scan_iter(f"{prefix}*"):
        writer.client.delete(name)
    writer.client.close()
    reader.client.close()


def test_redis_store_lets_another_process_read_progress_and_failure(redis_stores):
    writer, reader = redis_stores
    runner, other_process = InProcessRunner(store=writer), InProcessRunner(store=reader)
    started, release = threading.Event(), threading.Event()
    runner.submit("round-7", blocking_job(started, release))
    assert started.wait(WAIT)
    seen = other_process.status("round-7")
    assert seen.state == RUNNING and seen.progress["objective"] == 9000
    release.set()
    assert runner.wait("round-7", WAIT).state == FINISHED
    assert other_process.status("round-7").state == FINISHED

    def crash(ctx):
        raise KeyError("T07")

    runner.submit("round-7", crash).wait(WAIT)
    failed = other_process.status("round-7")
    assert failed.state == FAILED and failed.error == "KeyError: 'T07'"
    assert failed.progress is None  # a new run starts from a clean record
    assert writer.client.ttl(f"{writer.prefix}round-7") > 0


def test_make_runner_uses_redis_only_when_configured(redis_url):
    assert not isinstance(make_runner().store, RedisProgressStore)
    assert isinstance(make_runner(redis_url).store, RedisProgressStore)
