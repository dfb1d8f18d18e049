"""Topics: the list, and for planners create, edit and delete."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.deletion import delete_or_refuse
from scheduler.extensions import db
from scheduler.topics.forms import TopicForm
from scheduler.topics.models import Topic
from scheduler.topics.operations import delete_topic, save_topic

bp = Blueprint("topics", __name__, url_prefix="/topics")


@bp.route("/")
@roles_required(PLANNER)
def index():
    """Every topic with its sessions, sizes, modes, prerequisites and trainers."""
    query = select(Topic).order_by(Topic.code).options(
        selectinload(Topic.prerequisites), selectinload(Topic.trainers)
    )
    return render_template("topics/index.html", topics=db.session.scalars(query).all())


@bp.route("/new", methods=["GET", "POST"])
@roles_required(PLANNER)
def new():
    """Create a topic."""
    return edit_form(None)


@bp.route("/<int:topic_id>/edit", methods=["GET", "POST"])
@roles_required(PLANNER)
def edit(topic_id: int):
    """Edit a topic."""
    return edit_form(db.get_or_404(Topic, topic_id))


def edit_form(topic: Topic | None):
    """Show the form; on a valid post save the topic, else show every problem."""
    form = TopicForm(obj=topic, topic=topic)
    if topic is not None and not form.is_submitted():
        form.prerequisites.data = [t.id for t in topic.prerequisites]
        form.trainers.data = [t.id for t in topic.trainers]
    if form.validate_on_submit():
        saved = save_topic(topic, form.data)
        db.session.commit()
        flash(_("Topic %(code)s saved.", code=saved.code), "info")
        return redirect(url_for("topics.index"))
    status = 400 if form.is_submitted() else 200
    return render_template("topics/edit.html", form=form, topic=topic), status


@bp.route("/<int:topic_id>/delete", methods=["POST"])
@roles_required(PLANNER)
def delete(topic_id: int):
    """Delete a topic that nothing refers to; otherwise say why not."""
    topic = db.get_or_404(Topic, topic_id)
    return delete_or_refuse(
        lambda: delete_topic(topic),
        lambda reason: _("Topic %(code)s cannot be deleted: %(reason)s.", code=topic.code,
                         reason=reason),
        _("Topic deleted."), url_for("topics.edit", topic_id=topic_id), url_for("topics.index"))
