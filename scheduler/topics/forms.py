"""The topic form: code, name, field, sessions, sizes, modes, prerequisites and trainers."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from scheduler.extensions import db
from scheduler.formfields import REQUIRED, TOO_LONG, CheckboxesField, WholeNumberField, between
from scheduler.i18n import MODE_NAMES
from scheduler.topics.models import Topic
from scheduler.topics.operations import prerequisite_cycle
from scheduler.trainers.models import Trainer


class TopicForm(FlaskForm):
    """Create or edit a topic; refuses min > max, a taken code and prerequisite cycles."""

    code = StringField(_l("Code"), [DataRequired(REQUIRED), Length(max=64, message=TOO_LONG)])
    name = StringField(_l("Name"), [DataRequired(REQUIRED), Length(max=200, message=TOO_LONG)])
    field = StringField(_l("Field"), [Length(max=120, message=TOO_LONG)])
    sessions = WholeNumberField(_l("Half-days"), [InputRequired(REQUIRED), between(1, 20)])
    min_size = WholeNumberField(_l("Smallest class"), [InputRequired(REQUIRED), between(1, 500)])
    max_size = WholeNumberField(_l("Largest class"), [InputRequired(REQUIRED), between(1, 500)])
    modes = CheckboxesField(_l("Modes"), [DataRequired(_l("Choose at least one mode."))])
    prerequisites = CheckboxesField(_l("Prerequisites"), coerce=int)
    trainers = CheckboxesField(_l("Qualified trainers"), coerce=int)

    def __init__(self, *args, topic: Topic | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic = topic
        self.modes.choices = [SelectChoice(m, str(label)) for m, label in MODE_NAMES.items()]
        others = select(Topic).order_by(Topic.code)
        if topic is not None:
            others = others.where(Topic.id != topic.id)
        self.prerequisites.choices = [SelectChoice(t.id, f"{t.code} – {t.name}")
                                      for t in db.session.scalars(others)]
        self.trainers.choices = [SelectChoice(t.id, t.name) for t in
                                 db.session.scalars(select(Trainer).order_by(Trainer.name))]

    def validate_code(self, field):
        """A code names one topic only."""
        taken = db.session.scalar(select(Topic).where(Topic.code == field.data.strip()))
        if taken is not None and taken is not self.topic:
            raise ValidationError(_l("Another topic already has this code."))

    def validate_max_size(self, field):
        """The largest class cannot be smaller than the smallest."""
        if field.data is not None and self.min_size.data is not None:
            if self.min_size.data > field.data:
                raise ValidationError(_l("The largest class must be at least the smallest."))

    def validate_prerequisites(self, field):
        """Prerequisites must not lead back to this topic."""
        own_id = self.topic.id if self.topic is not None else None
        cycle = prerequisite_cycle(own_id, field.data or [])
        if cycle:
            raise ValidationError(
                _l("These prerequisites form a cycle: %(cycle)s.", cycle=" → ".join(cycle))
            )
