"""Settings for the test suite: fast hashing, no tile network, plain static storage."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PEARLS_MAP_TILE_URL = env.str("PEARLS_MAP_TILE_URL", default="")
ALLOWED_HOSTS = ["*"]

# Serve static files straight from the finders; no collectstatic needed locally.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Tests embed only where they ask for it (tests/search): the model costs time per text.
PEARLS_EMBEDDINGS = env.str("PEARLS_EMBEDDINGS", default="off")
