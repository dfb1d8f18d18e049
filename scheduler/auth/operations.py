"""Verbs on accounts: create a user, authenticate one."""

from sqlalchemy import select

from scheduler.auth.models import FOCAL_POINT, OFFICIAL, ROLES, TRAINER, User
from scheduler.extensions import db

# The record each bound role must point at.
BINDINGS = {FOCAL_POINT: "commune_id", OFFICIAL: "official_id", TRAINER: "trainer_id"}


def create_user(username: str, password: str, role: str, display_name: str = "", **bound) -> User:
    """Add a user with a hashed password; focal points, officials and trainers need their record."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if db.session.scalar(select(User).filter_by(username=username)):
        raise ValueError(f"the username {username!r} is taken")
    needed = BINDINGS.get(role)
    if needed and not bound.get(needed):
        raise ValueError(f"a {role} account needs {needed}")
    user = User(username=username, role=role, display_name=display_name or username)
    if needed:
        setattr(user, needed, bound[needed])
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate_user(username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    user = db.session.scalar(select(User).filter_by(username=username.strip()))
    if user is None or not user.active or not user.check_password(password):
        return None
    return user
