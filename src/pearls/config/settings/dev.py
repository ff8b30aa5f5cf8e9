"""The embedded default for ``make run``: SQLite under var/, debug on, a local-only key."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")  # noqa: S105
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the finders; no collectstatic needed locally.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Development only: the code 000000 passes every two-factor step, so the demo accounts of roles
# that need it (secretariat, committee, jury) can sign in without an authenticator app.
if DEBUG:
    MFA_TOTP_INSECURE_BYPASS_CODE = env.str("MFA_TOTP_INSECURE_BYPASS_CODE", default="000000")
