"""Accounts, login and the role checks every view goes through."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from scheduler.extensions import db


def init_login(app: Flask, login_manager: LoginManager) -> None:
    """Wire Flask-Login: the user loader, the login view and its Vietnamese message."""
    from scheduler.auth.models import User

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l(
        "Please log in to see this page (your session may have expired)."
    )
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        """Reload the logged-in user from the id kept in the session."""
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user and user.active else None
