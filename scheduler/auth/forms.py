"""The login form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

REQUIRED = _l("Please fill in this field.")
TOO_LONG = _l("At most %(max)d characters.")


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(
        _l("Username"),
        validators=[DataRequired(REQUIRED), Length(max=80, message=TOO_LONG)],
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])
