"""Topics (read-only)."""

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.extensions import db
from scheduler.topics.models import Topic

bp = Blueprint("topics", __name__, url_prefix="/topics")


@bp.route("/")
@roles_required(PLANNER)
def index():
    """Every topic with its sessions, sizes, modes, prerequisites and trainers."""
    query = select(Topic).order_by(Topic.code).options(
        selectinload(Topic.prerequisites), selectinload(Topic.trainers)
    )
    return render_template("topics/index.html", topics=db.session.scalars(query).all())
