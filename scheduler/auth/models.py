"""User accounts and their roles."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.trainers.models import Trainer

PLANNER = "planner"
FOCAL_POINT = "focal_point"
OFFICIAL = "official"
TRAINER = "trainer"
ROLES = (PLANNER, FOCAL_POINT, OFFICIAL, TRAINER)


class User(UserMixin, db.Model):
    """A login: a planner, a commune focal point, an official or a trainer."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(16))
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("commune.id"))
    official_id: Mapped[int | None] = mapped_column(ForeignKey("official.id"))
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("trainer.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_dt: Mapped[datetime] = mapped_column(server_default=func.now())

    commune: Mapped[Commune | None] = relationship()
    official: Mapped[Official | None] = relationship()
    trainer: Mapped[Trainer | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Flask-Login: a deactivated account cannot log in."""
        return self.active

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password, never the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.username!r} {self.role}>"
