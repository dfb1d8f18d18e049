"""Forms of the edits (choices are filled by the view; records are looked up and checked there)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired

CHOOSE = _l("Please choose a value.")


class MoveForm(FlaskForm):
    """A new first half-day for a class."""

    start = SelectField(_l("New first half-day"), validators=[DataRequired(CHOOSE)],
                        validate_choice=False)


class TrainerForm(FlaskForm):
    """Another trainer for a class."""

    trainer_id = SelectField(_l("Trainer"), coerce=int, validators=[DataRequired(CHOOSE)],
                             validate_choice=False)


class VenueForm(FlaskForm):
    """Another venue for a class."""

    venue_id = SelectField(_l("Venue"), coerce=int, validators=[DataRequired(CHOOSE)],
                           validate_choice=False)


class OfficialForm(FlaskForm):
    """Move an official to another class of the same topic (0: take them out of the class)."""

    official_id = SelectField(_l("Official"), coerce=int, validators=[DataRequired(CHOOSE)],
                              validate_choice=False)
    target_id = SelectField(_l("Move to"), coerce=int, validate_choice=False)


class PinForm(FlaskForm):
    """Pin or unpin a class."""

    pinned = BooleanField(_l("Pinned"))
