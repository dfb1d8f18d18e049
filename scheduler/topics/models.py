"""Topics (chuyên đề): what a class teaches, its length and its size limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import JSON, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.extensions import db

if TYPE_CHECKING:
    from scheduler.trainers.models import Trainer

MODES = ("in_person", "online")

topic_prerequisite = Table(
    "topic_prerequisite",
    db.metadata,
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
    Column("prerequisite_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)


class Topic(db.Model):
    """A thematic topic with its number of half-day sessions and class sizes."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(120), default="")
    sessions: Mapped[int]
    min_size: Mapped[int]
    max_size: Mapped[int]
    modes: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["in_person"])

    prerequisites: Mapped[list[Topic]] = relationship(
        secondary=topic_prerequisite,
        primaryjoin="Topic.id == topic_prerequisite.c.topic_id",
        secondaryjoin="Topic.id == topic_prerequisite.c.prerequisite_id",
        order_by="Topic.code",
    )
    trainers: Mapped[list[Trainer]] = relationship(
        secondary="trainer_topic", back_populates="topics", order_by="Trainer.name"
    )

    def __repr__(self) -> str:
        return f"<Topic {self.code} {self.name!r}>"
