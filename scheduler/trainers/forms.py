"""Trainer forms: the catalogue record, and the availability grid's caps."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from scheduler.extensions import db
from scheduler.formfields import REQUIRED, TOO_LONG, CheckboxesField, WholeNumberField, between
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer


class CapsForm(FlaskForm):
    """Weekly and total session caps (empty means no limit)."""

    max_sessions_per_week = WholeNumberField(_l("Sessions per week at most"),
                                             [Optional(), between(0, 14)])
    max_sessions = WholeNumberField(_l("Sessions in a round at most"),
                                    [Optional(), between(0, 500)])


class TrainerForm(CapsForm):
    """Create or edit a trainer: code, name, organisation, topics and caps."""

    code = StringField(_l("Code"), [DataRequired(REQUIRED), Length(max=64, message=TOO_LONG)])
    name = StringField(_l("Name"), [DataRequired(REQUIRED), Length(max=120, message=TOO_LONG)])
    organisation = StringField(_l("Organisation"), [Length(max=200, message=TOO_LONG)])
    topics = CheckboxesField(_l("Topics"), coerce=int)

    def __init__(self, *args, trainer: Trainer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.trainer = trainer
        self.topics.choices = [SelectChoice(t.id, f"{t.code} – {t.name}") for t in
                               db.session.scalars(select(Topic).order_by(Topic.code))]

    def validate_code(self, field):
        """A code names one trainer only."""
        taken = db.session.scalar(select(Trainer).where(Trainer.code == field.data.strip()))
        if taken is not None and taken is not self.trainer:
            raise ValidationError(_l("Another trainer already has this code."))
