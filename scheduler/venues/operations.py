"""Verbs on venues and travel times: estimate from coordinates, let a planner set a time."""

from sqlalchemy import select

from scheduler.communes.models import Commune
from scheduler.extensions import db
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
