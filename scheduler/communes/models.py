"""Province, commune and official: who is trained, and where they work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.extensions import db

if TYPE_CHECKING:
    from scheduler.topics.models import Topic

COMMUNE_KINDS = ("xa", "phuong", "dac_khu")

official_completed_topic = Table(
    "official_completed_topic",
    db.metadata,
    Column("official_id", ForeignKey("official.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)


class Province(db.Model):
    """A province (tỉnh): the scope of one training round."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)

    communes: Mapped[list[Commune]] = relationship(
        back_populates="province", order_by="Commune.name"
    )

    def __repr__(self) -> str:
        return f"<Province {self.name!r}>"


class Commune(db.Model):
    """A commune, ward or special zone (xã / phường / đặc khu) with its official code."""

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("province.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str | None] = mapped_column(String(16))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    area_km2: Mapped[float | None]
    staff: Mapped[int] = mapped_column(default=0)
    max_away: Mapped[int] = mapped_column(default=0)
    # The standing answer; each round keeps its own copy (rounds.models.RoundCommune).
    online_capable: Mapped[bool] = mapped_column(default=False)

    province: Mapped[Province] = relationship(back_populates="communes")
    officials: Mapped[list[Official]] = relationship(
        back_populates="commune", order_by="Official.name"
    )

    def __repr__(self) -> str:
        return f"<Commune {self.code} {self.name!r}>"


class Official(db.Model):
    """A commune official (cán bộ, công chức xã) who may request topics."""

    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    position: Mapped[str] = mapped_column(String(160), default="")
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(160))

    commune: Mapped[Commune] = relationship(back_populates="officials")
    completed_topics: Mapped[list[Topic]] = relationship(
        secondary=official_completed_topic, order_by="Topic.code"
    )

    def __repr__(self) -> str:
        return f"<Official {self.code} {self.name!r}>"
