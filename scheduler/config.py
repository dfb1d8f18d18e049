"""Default settings; instance/config.py, then environment variables, then test_config win."""

from datetime import timedelta

# Replaced by create_app with a SQLite file in the instance folder when left as None.
SQLALCHEMY_DATABASE_URI = None
SECRET_KEY = "dev-only-change-me"
PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
WTF_CSRF_ENABLED = True
WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
BABEL_DEFAULT_LOCALE = "vi"
BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
LANGUAGES = ("vi", "en")
PER_PAGE = 50
DEMO_PROVINCE = "Điện Biên"
DEMO_WEEKS = 8
DEMO_SEED = 0

# Environment variables read by create_app, with the setting each one sets.
ENVIRONMENT = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
}
