"""Travel times: estimated from coordinates by default, a planner's figure is kept."""

from sqlalchemy import select

from scheduler.extensions import db
from scheduler.venues.models import TravelTime, Venue
from scheduler.venues.operations import estimate_travel_times, set_travel_time


def test_estimates_grow_with_distance_and_keep_planner_edits(blank_app, factory):
    """Estimates rise with distance, the remote are unreachable, edits survive re-estimates."""
    with blank_app.app_context():
        province = factory.province()
        here = factory.commune(province, "H", "Phường Gần", lat=21.40, lon=103.03)
        near = factory.commune(province, "N", "Xã Gần", lat=21.45, lon=103.05)
        far = factory.commune(province, "F", "Xã Xa", lat=21.80, lon=102.80)
        remote = factory.commune(province, "R", "Xã Biên Giới", lat=22.40, lon=102.20)
        hall = Venue(code="HALL", name="Hội trường", capacity=40, commune_id=here.id)
        online = Venue(code="ON", name="Phòng trực tuyến", capacity=100, online=True)
        db.session.add_all([hall, online])
        db.session.flush()

        minutes = {t.commune_id: t.minutes for t in estimate_travel_times(hall)}
        assert minutes[here.id] < minutes[near.id] < minutes[far.id]
        assert remote.id not in minutes  # too far: unreachable, as the contract has it
        assert estimate_travel_times(online) == []

        set_travel_time(far.id, hall.id, 95)
        estimate_travel_times(hall)
        kept = db.session.get(TravelTime, (far.id, hall.id))
        assert (kept.minutes, kept.estimated) == (95, False)

        set_travel_time(near.id, hall.id, None)
        reachable = db.session.scalars(select(TravelTime.commune_id)).all()
        assert near.id not in reachable
