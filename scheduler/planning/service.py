"""The app's solve runner: one InProcessRunner per app, jobs keyed by round id."""

from __future__ import annotations

from flask import Flask, current_app

from scheduler.planning.runner import InProcessRunner, make_runner

EXTENSION = "solve_runner"


def init_app(app: Flask) -> None:
    """Give the app its runner (progress in Redis when SOLVE_REDIS_URL is set)."""
    app.extensions[EXTENSION] = make_runner(app.config.get("SOLVE_REDIS_URL"))


def get_runner(app: Flask | None = None) -> InProcessRunner:
    """The runner of the app (the current one by default)."""
    return (app or current_app).extensions[EXTENSION]


def job_key(round_id: int) -> str:
    """The runner key of a round's solve."""
    return f"round-{round_id}"
