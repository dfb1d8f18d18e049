"""Role checks: a decorator per view, and helpers for 'only their own' records."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from scheduler.auth.models import FOCAL_POINT, OFFICIAL, PLANNER, TRAINER


def roles_required(*roles: str) -> Callable:
    """Let in logged-in users with one of the roles; others get 403, anonymous users the login."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def can_see_commune(commune_id: int) -> bool:
    """Planners see every commune; a focal point only their own."""
    if current_user.role == PLANNER:
        return True
    return current_user.role == FOCAL_POINT and current_user.commune_id == commune_id


def can_see_official(official) -> bool:
    """Planners, the official's focal point, and the official themselves."""
    if can_see_commune(official.commune_id):
        return True
    return current_user.role == OFFICIAL and current_user.official_id == official.id


def can_see_trainer(trainer_id: int) -> bool:
    """Planners, and the trainer themselves."""
    if current_user.role == PLANNER:
        return True
    return current_user.role == TRAINER and current_user.trainer_id == trainer_id


def require(allowed: bool) -> None:
    """Abort with 403 unless the check passed."""
    if not allowed:
        abort(403)
