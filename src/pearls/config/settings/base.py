"""Settings shared by every environment, read from the environment through one reader.

The embedded default is a SQLite file under ``var/`` (WAL mode, IMMEDIATE transactions, a busy
timeout), so ``make run`` needs no database server. PostgreSQL is chosen with ``DATABASE_URL``.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

# One BLAS thread: the embedding model runs its own threads, and OpenBLAS workers spinning
# after a matrix product starved it (query embedding 12 ms -> 100 ms on two cores, measured).
# Must be set before numpy is first imported; the environment may override it.
for _variable in ("OPENBLAS_NUM_THREADS",):
    os.environ.setdefault(_variable, "1")

PACKAGE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = Path(environ.Env().str("PEARLS_HOME", default=str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_htmx",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "pearls.core",
    "pearls.accounts",
    "pearls.catalogue",
    "pearls.search",
    "pearls.toolkit",
    "pearls.ecosystem",
    "pearls.worksheets",
    "pearls.plans",
    "pearls.competition",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "pearls.config.urls"
WSGI_APPLICATION = "pearls.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pearls.core.context_processors.site",
                "pearls.accounts.context_processors.people",
            ],
        },
    },
]


def sqlite_database(path):
    """The embedded database: concurrent saves wait for the lock instead of failing."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": sqlite_database(VAR_DIR / "pearls.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The nine interface languages of the programme (vocabulary.json "interface_languages").
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("de", _("German")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("fi", _("Finnish")),
    ("et", _("Estonian")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATIC_URL = env.str("STATIC_URL", default="/static/")
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
NODE_MODULES = Path(env.str("PEARLS_NODE_MODULES", default=str(BASE_DIR / "node_modules")))
# Front-end libraries come from the npm registry (package.json); they are served from
# node_modules, never committed.
STATICFILES_DIRS = [PACKAGE_DIR / "static"] + [
    (prefix, NODE_MODULES / path)
    for prefix, path in [
        ("vendor/leaflet", "leaflet/dist"),
        ("vendor/htmx", "htmx.org/dist"),
    ]
    if (NODE_MODULES / path).is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# People (pearls.accounts) and sign-in (django-allauth, with its MFA app for TOTP).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_ADAPTER = "pearls.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "pearls.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Guessing is throttled per address and per IP (allauth counts in the cache).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pearls"
MFA_RECOVERY_CODE_COUNT = 10
PEARLS_INVITATION_DAYS = env.int("PEARLS_INVITATION_DAYS", default=14)

# E-mail: printed to the console in development, SMTP from EMAIL_URL in production
# (smtp+tls://user:password@host:587). Messages are rendered in the recipient's language.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pearls <pearls@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people reach the platform at, for links in e-mails sent outside a request.
PEARLS_SITE_URL = env.str("PEARLS_SITE_URL", default="http://127.0.0.1:8000")

# The map's tile server; empty means no background tiles (markers and list still work).
PEARLS_MAP_TILE_URL = env.str(
    "PEARLS_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
PEARLS_MAP_TILE_ATTRIBUTION = env.str(
    "PEARLS_MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
PEARLS_PAGE_SIZE = env.int("PEARLS_PAGE_SIZE", default=20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Semantic search. Embeddings run in the background: Celery when a broker is configured,
# otherwise one worker thread inside the web process ("thread"); "sync" and "off" are for
# tests and scripts.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
# Daily jobs for `celery beat`. Each job is also a management command for cron or by hand.
CELERY_BEAT_SCHEDULE = {
    # Late jurors get at most one reminder a day (the command keeps that promise itself).
    "jury-remind": {
        "task": "pearls.competition.jury_remind",
        "schedule": crontab(hour=8, minute=0),
    },
}
PEARLS_EMBEDDINGS = env.str(
    "PEARLS_EMBEDDINGS", default="celery" if CELERY_BROKER_URL else "thread"
)
PEARLS_SEMANTIC_SEARCH = env.bool("PEARLS_SEMANTIC_SEARCH", default=True)
