"""Forms of the scheduling page: start a solve with a time limit."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange


class SolveForm(FlaskForm):
    """The time limit of a solve, in seconds."""

    time_limit = IntegerField(
        _l("Time limit (seconds)"), default=60,
        validators=[InputRequired(_l("Please fill in this field.")),
                    NumberRange(5, 600, _l("Between %(min)s and %(max)s seconds."))],
    )
