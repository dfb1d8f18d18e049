"""Verbs on venues and travel times: save, delete, estimate from coordinates, set a time."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from scheduler.communes.models import Commune
from scheduler.extensions import db
from scheduler.formfields import InUse
from scheduler.planning.models import TrainingClass
from scheduler.venues.models import TravelTime, Venue
from solver.generate import estimate_travel_minutes

# Beyond this many one-way minutes an estimated venue counts as unreachable (as in the demo data).
UNREACHABLE_MINUTES = 300


def estimate_travel_times(venue: Venue) -> list[TravelTime]:
    """Estimate the minutes from every commune of the venue's province; planner edits are kept."""
    if venue.online or venue.commune is None or venue.commune.lat is None:
        return []
    site = venue.commune
    existing = {t.commune_id: t for t in
                db.session.scalars(select(TravelTime).where(TravelTime.venue_id == venue.id))}
    communes = db.session.scalars(
        select(Commune).where(Commune.province_id == site.province_id, Commune.lat.is_not(None))
    )
    out = []
    for commune in communes:
        row = existing.get(commune.id)
        if row is not None and not row.estimated:
            continue
        minutes = estimate_travel_minutes(commune.lat, commune.lon, site.lat, site.lon)
        if minutes > UNREACHABLE_MINUTES:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = TravelTime(commune_id=commune.id, venue_id=venue.id, estimated=True)
            db.session.add(row)
        row.minutes = minutes
        out.append(row)
    db.session.flush()
    return out


def set_travel_time(commune_id: int, venue_id: int, minutes: int | None) -> TravelTime | None:
    """A planner's own figure for one commune and venue; None makes the venue unreachable."""
    row = db.session.get(TravelTime, (commune_id, venue_id))
    if minutes is None:
        if row is not None:
            db.session.delete(row)
        db.session.flush()
        return None
    if minutes < 0:
        raise ValueError("travel minutes cannot be negative")
    if row is None:
        row = TravelTime(commune_id=commune_id, venue_id=venue_id)
        db.session.add(row)
    row.minutes, row.estimated = minutes, False
    db.session.flush()
    return row


def save_venue(venue: Venue | None, data: dict, closures: list[str]) -> Venue:
    """Create a venue, or update one, from the form's data; estimate travel to a new site; flush."""
    if venue is None:
        venue = Venue()
        db.session.add(venue)
    moved = venue.commune_id != (data["commune_id"] or None) or venue.online != data["online"]
    venue.code, venue.name = data["code"].strip(), data["name"].strip()
    venue.capacity, venue.online = data["capacity"], bool(data["online"])
    venue.commune_id = data["commune_id"] or None
    venue.unavailable = closures
    db.session.flush()
    if moved:
        db.session.refresh(venue, ["commune"])
        estimate_travel_times(venue)
    return venue


def delete_venue(venue: Venue) -> None:
    """Delete a venue no class refers to (its travel times go with it); flush."""
    if db.session.scalar(select(exists().where(TrainingClass.venue_id == venue.id))):
        raise InUse(_l("classes are held there"))
    for row in db.session.scalars(select(TravelTime).where(TravelTime.venue_id == venue.id)):
        db.session.delete(row)
    db.session.delete(venue)
    db.session.flush()
