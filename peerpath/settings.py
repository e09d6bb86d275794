"""PeerPath settings, driven by environment variables (see README and .env.example)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from peerpath.lib.storage import default_storage_from_env

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("PEERPATH_DATA_DIR", Path.cwd() / "data")).resolve()


def load_or_create_secret_key(data_dir: Path) -> str:
    """Read SECRET_KEY from the environment, else from the data directory.

    On the first run without one, a key is generated and stored (mode 0600) so
    sessions survive restarts; it never lives in the repository.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.touch(mode=0o600)
    key_file.write_text(key)
    return key


SECRET_KEY = load_or_create_secret_key(DATA_DIR)


def load_or_create_field_keys(data_dir: Path) -> list[str]:
    """Keys that encrypt sensitive fields and files at rest (see `peerpath.lib.crypto`).

    `FIELD_ENCRYPTION_KEYS` is a comma-separated list of Fernet keys: the first
    encrypts, all decrypt (rotation). Without it, a trial or test installation
    makes one key and keeps it in the data directory (mode 0600).
    """
    if keys := env_list("FIELD_ENCRYPTION_KEYS"):
        return keys
    key_file = data_dir / "field_encryption_key"
    if key_file.exists():
        return [key_file.read_text().strip()]
    from cryptography.fernet import Fernet

    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    key_file.touch(mode=0o600)
    key_file.write_text(key)
    return [key]


FIELD_ENCRYPTION_KEYS = load_or_create_field_keys(DATA_DIR)
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "peerpath.accounts",
    "peerpath.audit",
    "peerpath.catalog",
    "peerpath.intake",
    "peerpath.certification",
    "peerpath.practice",
    "peerpath.participants",
    "peerpath.careers",
    "peerpath.training",
    "peerpath.notifications",
    "peerpath.plan",
    "peerpath.schedule",
    "peerpath.reports",
    "peerpath.privacy",
    "peerpath.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "peerpath.audit.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "peerpath.web.compression.HtmlGZipMiddleware",
    "peerpath.web.security.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "peerpath.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "peerpath.accounts.middleware.StaffMfaRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "peerpath.urls"
WSGI_APPLICATION = "peerpath.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peerpath.web.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'peerpath.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A connection the database dropped is noticed before a request uses it,
        # so a restarted or failed-over database costs no request a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers never wait for the writer (WAL); a writer waits up to the busy
    # timeout for another instead of failing with "database is locked"; every
    # transaction takes the write lock at its start (IMMEDIATE), so two
    # processes never deadlock upgrading a read to a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 30),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web-after-login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Shared phones are common: never keep a session after the browser closes.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_ADAPTER = "peerpath.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PeerPath] "
# Failed logins are limited per IP and per account; allauth keeps the counters in the cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PeerPath"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and SITE_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if SITE_URL.startswith("https://"):
        # Served over HTTPS: plain HTTP is redirected and browsers told to stay on HTTPS.
        SECURE_SSL_REDIRECT = True
        SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # the load balancer's plain-HTTP probe
        SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 60 * 60 * 24 * 365)
        SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS")

# Only this site's own files run, style or load; nothing inline, no frames, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), publickey-credentials-get=(), "
    "usb=()"
)

# A database cache works across gunicorn workers without another service; the
# table is created by a migration (peerpath.web).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "peerpath_cache",
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task whose worker stopped sending heartbeats for this long is run again.
PEERPATH_TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 120)
# A task is run at most this many times (a task that kills its worker every time
# is marked failed rather than run for ever).
PEERPATH_TASK_MAX_RUNS = env_int("TASK_MAX_RUNS", 5)
# Reminder sweeps commit this many reminders at a time (a fixed number of queries each).
PEERPATH_SWEEP_BATCH = env_int("SWEEP_BATCH", 500)
# Milliseconds the certification sweep waits between batches (0: none), to spare a busy database.
PEERPATH_SWEEP_PAUSE_MS = env_int("SWEEP_PAUSE_MS", 0)
# A reminder missed on days the sweep did not run is still sent this many days late.
PEERPATH_SWEEP_CATCH_UP_DAYS = env_int("SWEEP_CATCH_UP_DAYS", 7)
# `peerpath health` reports the worker as behind when a due task waited longer.
PEERPATH_HEALTH_MAX_QUEUE_SECONDS = env_int("HEALTH_MAX_QUEUE_SECONDS", 15 * 60)
# Emails that fail for a passing reason are retried with growing waits (first
# wait, doubled each time up to the longest, with jitter) until this many hours
# after they were written; then they are shown to staff as failed.
PEERPATH_EMAIL_RETRY_FIRST_SECONDS = env_int("EMAIL_RETRY_FIRST_SECONDS", 60)
PEERPATH_EMAIL_RETRY_MAX_SECONDS = env_int("EMAIL_RETRY_MAX_SECONDS", 60 * 60)
PEERPATH_EMAIL_RETRY_HOURS = env_int("EMAIL_RETRY_HOURS", 48)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# The second path holds our wording for allauth's Spanish account pages and emails
# (one register, usted); it wins over allauth's own catalog.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Los_Angeles")
LANGUAGE_COOKIE_NAME = "peerpath_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    # Local disk, or an S3-compatible bucket when STORAGE_S3_BUCKET is set.
    "default": default_storage_from_env(os.environ, DATA_DIR),
    # Fingerprinted names (served with a ten-year max-age) and gzip copies made by
    # `collectstatic` (`peerpath serve` runs it); see docs/operations.md.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds to wait for the mail server: one that accepts and never answers must
# not stall the worker.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PeerPath <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "peerpath.audit.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO; only its warnings are worth seeing.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}

PEERPATH_CRISIS_PHONE = "988"
PEERPATH_NAME = _("PeerPath")
