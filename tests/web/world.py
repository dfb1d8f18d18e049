"""A small world for the editing tests: two communes, officials, topics, trainers, venues, a round.

Tests that write use it on `blank_app` (a fresh database per test), never on the shared demo app.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from scheduler.auth.operations import create_user
from scheduler.communes.models import Commune, Official, Province
from scheduler.extensions import db
from scheduler.requests.operations import today
from scheduler.rounds.models import TrainingRound
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import TravelTime, Venue


def build_world(app, status: str = "collecting", deadline: date | None = None) -> SimpleNamespace:
    """Add the world to the app's empty database, commit, and return the ids by name."""
    with app.app_context():
        province = Province(name="Tỉnh Thử")
        db.session.add(province)
        db.session.flush()
        c1 = _commune(province, "C1", "Xã Một")
        c2 = _commune(province, "C2", "Xã Hai")
        officials = [_official(c1, f"O{i}", name) for i, name in
                     enumerate(("Lò Văn An", "Quàng Thị Bình", "Cà Văn Cường"), start=1)]
        stranger = _official(c2, "X1", "Lường Văn Xa")
        t1 = Topic(code="T1", name="Đầu tư công", sessions=2, min_size=1, max_size=30,
                   modes=["in_person", "online"])
        t2 = Topic(code="T2", name="Đất đai", sessions=2, min_size=1, max_size=30,
                   modes=["in_person"], prerequisites=[t1])
        t3 = Topic(code="T3", name="Tài chính", sessions=4, min_size=5, max_size=40,
                   modes=["in_person"])
        tr1 = Trainer(code="TR1", name="Giảng viên Một", topics=[t1, t2], unavailable=[])
        tr2 = Trainer(code="TR2", name="Giảng viên Hai", topics=[t1], unavailable=[])
        room = Venue(code="V1", name="Hội trường Một", capacity=30, online=False,
                     commune_id=c1.id, unavailable=[])
        online = Venue(code="ON", name="Phòng trực tuyến", capacity=100, online=True,
                       unavailable=[])
        db.session.add_all([t1, t2, t3, tr1, tr2, room, online])
        db.session.flush()
        db.session.add_all([TravelTime(commune_id=c1.id, venue_id=room.id, minutes=20),
                            TravelTime(commune_id=c2.id, venue_id=room.id, minutes=90)])
        training_round = TrainingRound(
            province_id=province.id, name="Đợt thử", start_date=date(2026, 3, 2),
            end_date=date(2026, 3, 13), holidays=["2026-03-06"], status=status,
            request_deadline_date=deadline or today() + timedelta(days=30), topics=[t1, t2])
        db.session.add(training_round)
        db.session.flush()
        users = {
            "planner": create_user("planner", "pw-planner", "planner"),
            "focal": create_user("focal1", "pw-focal", "focal_point", commune_id=c1.id),
            "focal2": create_user("focal2", "pw-focal", "focal_point", commune_id=c2.id),
            "trainer": create_user("trainer1", "pw-trainer", "trainer", trainer_id=tr1.id),
            "official": create_user("off1", "pw-off", "official", official_id=officials[0].id),
        }
        db.session.commit()
        return SimpleNamespace(
            c1=c1.id, c2=c2.id, officials=[o.id for o in officials], stranger=stranger.id,
            t1=t1.id, t2=t2.id, t3=t3.id, tr1=tr1.id, tr2=tr2.id, room=room.id,
            online=online.id, round=training_round.id,
            users={k: u.id for k, u in users.items()},
        )


def _commune(province, code, name) -> Commune:
    """A commune of the province (flushed)."""
    commune = Commune(province_id=province.id, code=code, name=name, kind="xa", staff=40,
                      max_away=8, online_capable=False, lat=21.4, lon=103.0)
    db.session.add(commune)
    db.session.flush()
    return commune


def _official(commune, code, name) -> Official:
    """An official of the commune (flushed)."""
    official = Official(commune_id=commune.id, code=code, name=name, position="Công chức")
    db.session.add(official)
    db.session.flush()
    return official


def client_of(app, user_id: int):
    """A test client logged in as this user."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    return client


def token(client, url: str) -> str:
    """The CSRF token of the page at url."""
    import re

    html = client.get(url).text
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)
