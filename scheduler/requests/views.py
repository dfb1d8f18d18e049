"""Commune requests: priorities, blackouts, submission, Excel, and completion per commune."""

from io import BytesIO

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from scheduler import halfdays
from scheduler.auth.access import can_see_commune, require, roles_required
from scheduler.auth.models import FOCAL_POINT, PLANNER
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.i18n import STATUS_NAMES, format_date
from scheduler.requests import operations, queries
from scheduler.requests.excel import build_request_template, parse_request_sheet
from scheduler.requests.forms import DeclarationForm, PlainForm, UploadForm, read_priorities
from scheduler.rounds.models import RoundCommune, TrainingRound

bp = Blueprint("requests", __name__, url_prefix="/requests")


@bp.route("/")
@roles_required(PLANNER, FOCAL_POINT)
def index():
    """The rounds, each with a link to the commune's requests (focal point) or completion."""
    rounds = db.session.scalars(
        select(TrainingRound).where(TrainingRound.status != "draft")
        .order_by(TrainingRound.start_date.desc())).all()
    return render_template("requests/index.html", rounds=rounds, commune=current_user.commune)


def load(round_id: int, commune_id: int) -> tuple[TrainingRound, Commune]:
    """The round and the commune, after checking the user may see the commune."""
    training_round = db.get_or_404(TrainingRound, round_id)
    commune = db.get_or_404(Commune, commune_id)
    require(can_see_commune(commune.id) and commune.province_id == training_round.province_id)
    return training_round, commune


def may_change(training_round: TrainingRound) -> bool:
    """Planners always; focal points while the round collects requests before its deadline."""
    return current_user.role == PLANNER or operations.requests_open(training_round)


def refused(training_round: TrainingRound, commune: Commune):
    """Say why the change was refused and go back to the page, unchanged."""
    flash(_("Requests for this round are closed (status: %(status)s, deadline %(deadline)s); "
            "nothing was changed.", status=_status(training_round),
            deadline=_deadline(training_round)), "error")
    return redirect(url_for("requests.edit", round_id=training_round.id,
                            commune_id=commune.id)), 303


@bp.route("/<int:round_id>/communes/<int:commune_id>")
@roles_required(PLANNER, FOCAL_POINT)
def edit(round_id: int, commune_id: int):
    """The commune's page for the round: priority table, blackouts, Excel, submission."""
    training_round, commune = load(round_id, commune_id)
    return render_edit(training_round, commune)


def render_edit(training_round, commune, status: int = 200, problems=(), sheet_errors=(),
                upload: UploadForm | None = None):
    """Render the commune's request page, optionally with the problems of a refused change."""
    page = db.paginate(
        select(Official).where(Official.commune_id == commune.id)
        .order_by(Official.position, Official.name),
        per_page=current_app.config["PER_PAGE"], error_out=False)
    declaration = db.session.get(RoundCommune, (training_round.id, commune.id))
    unavailable = declaration.unavailable if declaration else []
    return render_template(
        "requests/edit.html", round=training_round, commune=commune, page=page,
        topics=training_round.topics, editable=may_change(training_round),
        chosen=queries.priorities(training_round.id, [o.id for o in page.items]),
        declaration=declaration, weeks=halfdays.weeks(training_round),
        ticked=halfdays.ticked_slots(unavailable, training_round),
        total=queries.count_of_commune(training_round.id, commune.id),
        form=PlainForm(), upload=upload or UploadForm(),
        declare=DeclarationForm(online_capable=declaration.online_capable if declaration
                                else commune.online_capable),
        problems=problems, sheet_errors=sheet_errors, deadline=_deadline(training_round),
    ), status


@bp.route("/<int:round_id>/communes/<int:commune_id>/requests", methods=["POST"])
@roles_required(PLANNER, FOCAL_POINT)
def save(round_id: int, commune_id: int):
    """Save the priorities of the officials on the page shown; all or nothing."""
    training_round, commune = load(round_id, commune_id)
    if not may_change(training_round):
        return refused(training_round, commune)
    ids = [int(i) for i in request.form.getlist("official") if i.isdigit()]
    officials = db.session.scalars(select(Official).where(
        Official.id.in_(ids), Official.commune_id == commune.id)).all()
    chosen, problems = read_priorities(request.form, officials, training_round.topics)
    if not PlainForm().validate_on_submit() or problems:
        return render_edit(training_round, commune, 400, problems=problems)
    n = operations.save_requests(training_round, [o.id for o in officials], chosen)
    db.session.commit()
    flash(_("Requests saved: %(n)d for the %(m)d officials on this page.", n=n,
            m=len(officials)), "info")
    return redirect(url_for("requests.edit", round_id=round_id, commune_id=commune_id,
                            page=request.args.get("page", 1, type=int)))


@bp.route("/<int:round_id>/communes/<int:commune_id>/declaration", methods=["POST"])
@roles_required(PLANNER, FOCAL_POINT)
def declare(round_id: int, commune_id: int):
    """Save the blackout half-days and the online capability."""
    training_round, commune = load(round_id, commune_id)
    if not may_change(training_round):
        return refused(training_round, commune)
    form = DeclarationForm()
    if not form.validate_on_submit():
        return render_edit(training_round, commune, 400)
    row = operations.declare_commune(training_round, commune, request.form.getlist("slot"),
                                     form.online_capable.data)
    db.session.commit()
    flash(_("Saved: %(n)d half-days when the commune cannot release staff.",
            n=len(halfdays.ticked_slots(row.unavailable, training_round))), "info")
    return redirect(url_for("requests.edit", round_id=round_id, commune_id=commune_id))


@bp.route("/<int:round_id>/communes/<int:commune_id>/submit", methods=["POST"])
@roles_required(PLANNER, FOCAL_POINT)
def submit(round_id: int, commune_id: int):
    """Mark the commune's submission as done."""
    training_round, commune = load(round_id, commune_id)
    if not may_change(training_round):
        return refused(training_round, commune)
    if not PlainForm().validate_on_submit():
        return render_edit(training_round, commune, 400)
    operations.submit_requests(training_round, commune)
    db.session.commit()
    flash(_("The requests of %(name)s are marked as submitted.", name=commune.name), "info")
    return redirect(url_for("requests.edit", round_id=round_id, commune_id=commune_id))


@bp.route("/<int:round_id>/communes/<int:commune_id>/template.xlsx")
@roles_required(PLANNER, FOCAL_POINT)
def template(round_id: int, commune_id: int):
    """The Excel template with the commune's officials and the round's topics."""
    training_round, commune = load(round_id, commune_id)
    officials = [{"code": o.code, "name": o.name, "position": o.position}
                 for o in commune.officials]
    topics = [{"code": t.code, "name": t.name} for t in training_round.topics]
    data = build_request_template({"code": commune.code, "name": commune.name}, officials,
                                  topics, lang=str(get_locale()))
    return send_file(BytesIO(data), as_attachment=True,
                     download_name=f"yeu-cau-{commune.code}-dot-{training_round.id}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.route("/<int:round_id>/communes/<int:commune_id>/upload", methods=["POST"])
@roles_required(PLANNER, FOCAL_POINT)
def upload(round_id: int, commune_id: int):
    """Import a filled sheet: every request, or none and every problem by row and column."""
    training_round, commune = load(round_id, commune_id)
    if not may_change(training_round):
        return refused(training_round, commune)
    form = UploadForm()
    if not form.validate_on_submit():
        return render_edit(training_round, commune, 400, upload=form)
    sheet = parse_request_sheet(
        form.sheet.data.read(), {o.code: o.name for o in commune.officials},
        {t.code: t.name for t in training_round.topics}, lang=str(get_locale()),
        other_officials=queries.other_officials(commune))
    if not sheet.ok:
        return render_edit(training_round, commune, 400, sheet_errors=sheet.errors)
    n = operations.import_requests(training_round, commune, sheet.rows)
    db.session.commit()
    flash(_("%(n)d requests imported from the sheet; they replace the commune's earlier "
            "requests for this round.", n=n), "info")
    return redirect(url_for("requests.edit", round_id=round_id, commune_id=commune_id))


@bp.route("/<int:round_id>/completion")
@roles_required(PLANNER)
def completion(round_id: int):
    """Per commune: submitted or not, when, and requests per topic."""
    training_round = db.get_or_404(TrainingRound, round_id)
    rows = queries.completion(training_round)
    done = sum(1 for r in rows if r["declaration"] and r["declaration"].submitted_dt)
    return render_template("requests/completion.html", round=training_round, rows=rows,
                           done=done, topics=training_round.topics)


def _status(training_round: TrainingRound) -> str:
    """The round's status in words."""
    return str(STATUS_NAMES.get(training_round.status, training_round.status))


def _deadline(training_round: TrainingRound) -> str:
    """The request deadline as dd/mm/yyyy, or a dash."""
    return format_date(training_round.request_deadline_date) or "–"
