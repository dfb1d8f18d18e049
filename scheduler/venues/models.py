"""Venues (School rooms, regional halls, online rooms) and travel times to them."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.communes.models import Commune
from scheduler.extensions import db


class Venue(db.Model):
    """A place where classes are held, in person or online."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int]
    online: Mapped[bool] = mapped_column(default=False)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("commune.id"), index=True)
    # Closures: half-days or whole dates when the venue cannot host a class.
    unavailable: Mapped[list[str]] = mapped_column(JSON, default=list)

    commune: Mapped[Commune | None] = relationship()

    def __repr__(self) -> str:
        return f"<Venue {self.code} {self.name!r}>"


class TravelTime(db.Model):
    """One-way travel minutes from a commune to an in-person venue; missing means unreachable."""

    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), primary_key=True)
    venue_id: Mapped[int] = mapped_column(
        ForeignKey("venue.id", ondelete="CASCADE"), primary_key=True
    )
    minutes: Mapped[int]
    # True while the time is the estimate from coordinates, False once a planner edited it.
    estimated: Mapped[bool] = mapped_column(default=True)

    commune: Mapped[Commune] = relationship()
    venue: Mapped[Venue] = relationship()

    def __repr__(self) -> str:
        return f"<TravelTime {self.commune_id}->{self.venue_id} {self.minutes} min>"
