"""The role matrix: every page × every role (and anonymous) is either allowed or refused."""

import pytest
from sqlalchemy import select

from scheduler.auth.models import User
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.planning.models import TrainingClass
from scheduler.rounds.models import TrainingRound
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import Venue

ROLES = ("planner", "focal_point", "official", "trainer")
P, F, OF, T = ROLES

# page name -> (endpoint, roles allowed). The page names are resolved to URLs by `targets`.
MATRIX = {
    "home": ("home.index", {P, F, OF, T}),
    "communes": ("communes.index", {P}),
    "own commune": ("communes.show", {P, F}),
    "other commune": ("communes.show", {P}),
    "own official": ("communes.official", {P, F, OF}),
    "colleague official": ("communes.official", {P, F}),
    "other commune's official": ("communes.official", {P}),
    "topics": ("topics.index", {P}),
    "trainers": ("trainers.index", {P}),
    "own trainer": ("trainers.show", {P, T}),
    "other trainer": ("trainers.show", {P}),
    "venues": ("venues.index", {P}),
    "venue": ("venues.show", {P}),
    "rounds": ("rounds.index", {P}),
    "round": ("rounds.show", {P}),
    "round instance": ("rounds.instance", {P}),
    "new round": ("rounds.new", {P}),
    "edit round": ("rounds.edit", {P}),
    "round scheduling": ("planning.show", {P}),
    "solve run": ("planning.run", {P}),
    "solve progress": ("planning.progress", {P}),
    "edit commune": ("communes.edit", {P}),
    "new topic": ("topics.new", {P}),
    "edit topic": ("topics.edit", {P}),
    "new trainer": ("trainers.new", {P}),
    "edit trainer": ("trainers.edit", {P}),
    "own availability": ("trainers.availability", {P, T}),
    "other trainer's availability": ("trainers.availability", {P}),
    "new venue": ("venues.new", {P}),
    "edit venue": ("venues.edit", {P}),
    "requests": ("requests.index", {P, F}),
    "own commune's requests": ("requests.edit", {P, F}),
    "other commune's requests": ("requests.edit", {P}),
    "own request template": ("requests.template", {P, F}),
    "other request template": ("requests.template", {P}),
    "request completion": ("requests.completion", {P}),
    "review summary": ("review.summary_page", {P}),
    "review by venue": ("review.timetable", {P}),
    "review by trainer": ("review.timetable", {P}),
    "review by commune": ("review.timetable", {P}),
    "review by topic": ("review.timetable", {P}),
    "review unserved": ("review.unserved", {P}),
    "review class": ("review.show_class", {P}),
}


def ended_solve_run(round_id: int) -> int:
    """A solve run of the round that has ended (one is recorded when there is none)."""
    from scheduler.planning.models import SolveRun

    run_id = db.session.scalar(select(SolveRun.id).where(SolveRun.round_id == round_id,
                                                         SolveRun.status == "failed"))
    if run_id is None:
        run = SolveRun(round_id=round_id, status="failed", time_limit_seconds=5,
                       error="recorded by the role matrix")
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    return run_id


@pytest.fixture(scope="module")
def draft_class_id(app):
    """A draft class of the demo round (the review pages show it); removed afterwards."""
    from scheduler.planning.mapping import store_classes
    from scheduler.rounds.models import TopicRequest

    with app.app_context():
        training_round = db.session.scalars(select(TrainingRound)).first()
        request = db.session.scalars(select(TopicRequest).filter_by(
            round_id=training_round.id)).first()
        topic = request.topic
        doc = {"id": "ROLE-MATRIX", "topic": topic.code, "trainer": topic.trainers[0].code,
               "venue": db.session.scalars(select(Venue.code)).first(), "mode": "in_person",
               "sessions": [f"{training_round.start_date.isoformat()}:am"],
               "officials": [request.official.code]}
        (cls,) = store_classes(training_round, [doc], state="draft")
        db.session.commit()
        class_id = cls.id
    yield class_id
    with app.app_context():
        db.session.delete(db.session.get(TrainingClass, class_id))
        db.session.commit()


@pytest.fixture(scope="module")
def targets(app, draft_class_id) -> dict[str, str]:
    """The URL of every page of the matrix, with records of the demo users and of others."""
    with app.app_context(), app.test_request_context():
        from flask import url_for

        users = {u.role: u for u in db.session.scalars(select(User))}
        focal, official, trainer = users[F], users[OF], users[T]
        other_commune = db.session.scalars(
            select(Commune).where(Commune.id != focal.commune_id).order_by(Commune.code)
        ).first()
        colleague = db.session.scalars(
            select(Official).where(Official.commune_id == focal.commune_id,
                                   Official.id != official.official_id)
        ).first()
        stranger = db.session.scalars(
            select(Official).where(Official.commune_id == other_commune.id)
        ).first()
        other_trainer = db.session.scalars(
            select(Trainer).where(Trainer.id != trainer.trainer_id)
        ).first()
        venue = db.session.scalars(select(Venue).where(Venue.online.is_(False))).first()
        round_id = db.session.scalars(select(TrainingRound.id)).first()
        run_id = ended_solve_run(round_id)
        args = {
            "review summary": {"round_id": round_id},
            "review unserved": {"round_id": round_id},
            "review class": {"round_id": round_id, "class_id": draft_class_id},
            **{f"review by {kind}": {"round_id": round_id, "kind": kind}
               for kind in ("venue", "trainer", "commune", "topic")},
            "own commune": {"commune_id": focal.commune_id},
            "other commune": {"commune_id": other_commune.id},
            "own official": {"official_id": official.official_id},
            "colleague official": {"official_id": colleague.id},
            "other commune's official": {"official_id": stranger.id},
            "own trainer": {"trainer_id": trainer.trainer_id},
            "other trainer": {"trainer_id": other_trainer.id},
            "venue": {"venue_id": venue.id},
            "round": {"round_id": round_id},
            "round instance": {"round_id": round_id},
            "edit round": {"round_id": round_id},
            "round scheduling": {"round_id": round_id},
            "solve run": {"run_id": run_id},
            "solve progress": {"run_id": run_id},
            "edit commune": {"commune_id": other_commune.id},
            "edit topic": {"topic_id": db.session.scalar(select(Topic.id))},
            "edit trainer": {"trainer_id": other_trainer.id},
            "own availability": {"trainer_id": trainer.trainer_id, "round_id": round_id},
            "other trainer's availability": {"trainer_id": other_trainer.id,
                                             "round_id": round_id},
            "edit venue": {"venue_id": venue.id},
            "own commune's requests": {"round_id": round_id, "commune_id": focal.commune_id},
            "other commune's requests": {"round_id": round_id, "commune_id": other_commune.id},
            "own request template": {"round_id": round_id, "commune_id": focal.commune_id},
            "other request template": {"round_id": round_id, "commune_id": other_commune.id},
            "request completion": {"round_id": round_id},
        }
        return {name: url_for(endpoint, **args.get(name, {})) for name, (endpoint, _) in
                MATRIX.items()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", MATRIX)
def test_role_sees_only_what_it_may(login_as, targets, page, role):
    """Allowed pages answer 200; the others answer 403 with the Vietnamese refusal page."""
    response = login_as(role).get(targets[page])
    if role in MATRIX[page][1]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.text


@pytest.mark.parametrize("page", MATRIX)
def test_anonymous_is_sent_to_the_login_page(client, targets, page):
    """Without a session every page redirects to the login page, which explains why."""
    response = client.get(targets[page])
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    page_shown = client.get(response.headers["Location"])
    assert "Vui lòng đăng nhập để xem trang này" in page_shown.text


def test_the_matrix_covers_every_page(app):
    """Every GET page of the app is in the matrix, so a new page cannot skip its role check."""
    public = {"static", "auth.login"}
    pages = {
        rule.endpoint for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in public
    }
    assert pages == {endpoint for endpoint, _roles in MATRIX.values()}


def test_focal_point_lists_only_its_own_officials(login_as, app, targets):
    """The focal point's commune page lists officials of that commune only."""
    with app.app_context():
        focal = db.session.scalars(select(User).where(User.role == F)).one()
        names = set(db.session.scalars(
            select(Official.name).where(Official.commune_id != focal.commune_id)
        ))
        own = db.session.scalars(
            select(Official).where(Official.commune_id == focal.commune_id).order_by(Official.name)
        ).first()
    text = login_as(F).get(targets["own commune"]).text
    assert own.name in text
    rows = [n for n in names if f">{n}</a>" in text and n != own.name]
    assert len(rows) < len(names) / 10  # namesakes aside, no other commune's officials
