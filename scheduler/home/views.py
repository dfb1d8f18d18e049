"""The home page of each role, and the language switch."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, session
from flask_login import current_user, login_required

from scheduler import i18n
from scheduler.auth.models import FOCAL_POINT, OFFICIAL, PLANNER, TRAINER
from scheduler.home import queries

bp = Blueprint("home", __name__, url_prefix="/")


@bp.route("/")
@login_required
def index():
    """Dispatch to the home page of the logged-in user's role."""
    user = current_user
    if user.role == PLANNER:
        return render_template("home/planner.html", **queries.planner_dashboard())
    if user.role == FOCAL_POINT:
        return render_template("home/focal_point.html", **queries.commune_home(user.commune))
    if user.role == OFFICIAL:
        return render_template("home/official.html", **queries.official_home(user.official))
    if user.role == TRAINER:
        return render_template("home/trainer.html", **queries.trainer_home(user.trainer))
    abort(403)


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code: str):
    """Remember the chosen language in the session and a cookie, then go back."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session[i18n.COOKIE] = code
    back = request.referrer or ""
    response = redirect(back if back.startswith(request.host_url) else "/")
    response.set_cookie(i18n.COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax")
    return response
