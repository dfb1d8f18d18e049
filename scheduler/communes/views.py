"""Communes and their officials; planners edit a commune's staff, away cap and online use."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from scheduler.auth.access import can_see_commune, can_see_official, require, roles_required
from scheduler.auth.models import FOCAL_POINT, OFFICIAL, PLANNER
from scheduler.communes.forms import CommuneForm
from scheduler.communes.models import Commune, Official
from scheduler.communes.operations import save_commune
from scheduler.extensions import db
from scheduler.rounds import queries as rounds

bp = Blueprint("communes", __name__, url_prefix="/communes")


@bp.route("/")
@roles_required(PLANNER)
def index():
    """Every commune with its number of officials and of requests in the current round."""
    officials = dict(
        db.session.execute(
            select(Official.commune_id, func.count(Official.id)).group_by(Official.commune_id)
        ).all()
    )
    current = rounds.current_round()
    requests = rounds.request_counts_by_commune(current.id) if current else {}
    communes = db.session.scalars(select(Commune).order_by(Commune.name)).all()
    return render_template(
        "communes/index.html",
        communes=communes, officials=officials, requests=requests, current=current,
    )


@bp.route("/<int:commune_id>")
@roles_required(PLANNER, FOCAL_POINT)
def show(commune_id: int):
    """One commune and a page of its officials."""
    commune = db.get_or_404(Commune, commune_id)
    require(can_see_commune(commune.id))
    page = db.paginate(
        select(Official).where(Official.commune_id == commune.id).order_by(Official.name),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    current = rounds.current_round()
    by_topic = rounds.request_counts_by_topic(current.id, commune.id) if current else []
    return render_template(
        "communes/show.html", commune=commune, page=page, current=current, by_topic=by_topic,
        args=request.args,
    )


@bp.route("/officials/<int:official_id>")
@roles_required(PLANNER, FOCAL_POINT, OFFICIAL)
def official(official_id: int):
    """One official's record and requests."""
    record = db.get_or_404(Official, official_id)
    require(can_see_official(record))
    return render_template(
        "communes/official.html", official=record, requests=rounds.requests_of_official(record.id)
    )


@bp.route("/<int:commune_id>/edit", methods=["GET", "POST"])
@roles_required(PLANNER)
def edit(commune_id: int):
    """Edit a commune's staff, away cap and online capability."""
    commune = db.get_or_404(Commune, commune_id)
    form = CommuneForm(obj=commune)
    if form.validate_on_submit():
        save_commune(commune, form.data)
        db.session.commit()
        flash(_("%(name)s saved.", name=commune.name), "info")
        return redirect(url_for("communes.show", commune_id=commune.id))
    status = 400 if form.is_submitted() else 200
    return render_template("communes/edit.html", form=form, commune=commune), status
