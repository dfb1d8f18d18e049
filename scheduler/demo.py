"""The demo data set: a real province from solver.generate, one open round, one login per role."""

from sqlalchemy import func, select

from scheduler.auth.models import FOCAL_POINT, OFFICIAL, PLANNER, TRAINER
from scheduler.auth.operations import create_user
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.planning.mapping import import_instance
from scheduler.rounds.models import TopicRequest
from scheduler.trainers.models import Trainer

FOCAL_COMMUNE = "Xã Mường Nhé"
# Demo logins (also listed in the README): username, password, role.
DEMO_USERS = (
    ("planner", "planner-demo", PLANNER),
    ("muongnhe", "muongnhe-demo", FOCAL_POINT),
    ("official", "official-demo", OFFICIAL),
    ("trainer", "trainer-demo", TRAINER),
)


def seed_demo(province: str, weeks: int, seed: int) -> str:
    """Import a generated instance of the province and add the demo users; flush."""
    from solver.generate import generate, province_units

    doc = generate(province=province, weeks=weeks, seed=seed)
    training_round = import_instance(doc, province, units=province_units(province))
    add_demo_users()
    officials = db.session.scalar(select(func.count(Official.id)))
    requests = db.session.scalar(
        select(func.count(TopicRequest.id)).where(TopicRequest.round_id == training_round.id)
    )
    return f"{len(doc['communes'])} communes, {officials} officials, {requests} requests"


def add_demo_users() -> None:
    """One login per role: a planner, Mường Nhé's focal point, one of its officials, a trainer."""
    commune = db.session.scalar(select(Commune).where(Commune.name == FOCAL_COMMUNE))
    if commune is None:
        commune = db.session.scalars(select(Commune).order_by(Commune.code)).first()
    official = db.session.scalars(
        select(Official).where(Official.commune_id == commune.id).order_by(Official.code)
    ).first()
    trainer = db.session.scalars(select(Trainer).order_by(Trainer.code)).first()
    bound = {
        PLANNER: {},
        FOCAL_POINT: {"commune_id": commune.id},
        OFFICIAL: {"official_id": official.id},
        TRAINER: {"trainer_id": trainer.id},
    }
    names = {PLANNER: "Cán bộ Trường Chính trị", FOCAL_POINT: f"Đầu mối {commune.name}",
             OFFICIAL: official.name, TRAINER: trainer.name}
    for username, password, role in DEMO_USERS:
        create_user(username, password, role, names[role], **bound[role])
