"""Error pages in the user's language, with the right status code and never a stack trace."""

import logging

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)
PAGES = {400, 401, 403, 404, 405}


def init_app(app: Flask) -> None:
    """Register one handler for HTTP errors, one for CSRF failures and one for crashes."""
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_crash)


def handle_http(error: HTTPException):
    """Show our page for the common codes; pass redirects and the rest through."""
    if error.code is None or error.code < 400:
        return error
    code = error.code if error.code in PAGES else 400 if error.code < 500 else 500
    return render_template(f"errors/{code}.html", error=error), error.code


def handle_csrf(error: CSRFError):
    """A form without a valid token (an old page, or a forged request)."""
    return render_template("errors/csrf.html", error=error), 400


def handle_crash(error: Exception):
    """Log the crash and show a plain page; the traceback goes to the log only."""
    if isinstance(error, HTTPException):
        return handle_http(error)
    if current_app.testing or current_app.debug:
        raise error  # let tests and the debugger see the real failure
    log.exception("unhandled error")
    return render_template("errors/500.html"), 500
