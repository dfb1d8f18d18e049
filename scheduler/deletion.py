"""Deleting a catalogue record from a view: delete and commit, or say what still refers to it."""

from collections.abc import Callable

from flask import flash, redirect

from scheduler.extensions import db
from scheduler.formfields import InUse


def delete_or_refuse(delete: Callable[[], None], refused: Callable[[str], str], deleted: str,
                     back_url: str, done_url: str):
    """Run `delete()` and commit, then go to `done_url`; if the record is in use, change nothing,
    flash `refused(reason)` and go back to `back_url`."""
    try:
        delete()
    except InUse as refusal:
        db.session.rollback()
        flash(refused(str(refusal)), "error")
        return redirect(back_url)
    db.session.commit()
    flash(deleted, "info")
    return redirect(done_url)
