"""Production: secrets only from the environment; refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50+ characters.")
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured("DATABASE_URL must name the production PostgreSQL database.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Sign-up and password reset need real mail: SMTP settings come from EMAIL_URL.
if not env.str("EMAIL_URL", default=""):
    raise ImproperlyConfigured("EMAIL_URL must name the SMTP server (smtp+tls://user:pw@host:587).")
globals().update(env.email_url("EMAIL_URL"))
# Login throttling counts in the cache: it must be shared by every worker process.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}  # noqa: F405
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING["root"]["level"] = env.str("LOG_LEVEL", default="INFO")  # noqa: F405
