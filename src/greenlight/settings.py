"""Greenlight's one settings module, read from the environment.

Every value comes from a ``GREENLIGHT_*`` variable; a malformed value stops start-up with a
message naming the variable, rather than running with a surprise default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET_KEY = "greenlight-insecure-development-key-never-use-in-production"  # noqa: S105

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("GREENLIGHT_DEBUG", False)
SECRET_KEY = os.environ.get("GREENLIGHT_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "GREENLIGHT_SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set GREENLIGHT_DEBUG=1 for local development."
        )
    SECRET_KEY = DEV_SECRET_KEY
elif SECRET_KEY == DEV_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("The development secret key is refused when GREENLIGHT_DEBUG is off")

DATA_DIR = Path(os.environ.get("GREENLIGHT_DATA_DIR", Path.cwd() / "var")).resolve()
HTTPS = env_bool("GREENLIGHT_HTTPS", False)
ALLOWED_HOSTS = env_list(
    "GREENLIGHT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("GREENLIGHT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.admin",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "greenlight.web",
    "greenlight.accounts",
    "greenlight.projects",
    "greenlight.jobs",
    "greenlight.screenplay",
    "greenlight.scheduling",
    "greenlight.budget",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "greenlight.web.middleware.BodySizeLimit",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "greenlight.web.middleware.LoginRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "greenlight.web.middleware.DomainErrors",
]

ROOT_URLCONF = "greenlight.urls"
WSGI_APPLICATION = "greenlight.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'greenlight.sqlite3'}"
_db_url = os.environ.get("GREENLIGHT_DATABASE_URL") or _default_db
try:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
except ValueError as exc:
    raise ImproperlyConfigured(f"GREENLIGHT_DATABASE_URL is not a database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the worker write job progress while the web process reads.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests run on a throwaway in-memory database; a file-backed one would need the folder.
    TEST_DB = os.environ.get("GREENLIGHT_TEST_DATABASE_NAME")
    if TEST_DB:
        DATABASES["default"]["TEST"] = {"NAME": TEST_DB}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portfolio"
LOGOUT_REDIRECT_URL = "login"

# Login rate limiting: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("GREENLIGHT_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GREENLIGHT_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

TASKS = {
    "default": {
        "BACKEND": os.environ.get("GREENLIGHT_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("GREENLIGHT_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# WhiteNoise serves the apps' static files straight from the package: no collectstatic step.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "files"
# Request bodies (forms, JSON, uploads) over this size are refused before they reach a view;
# each upload view also checks its own file-size limit.
MAX_REQUEST_BYTES = env_int("GREENLIGHT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger uploads spool to a temporary file

_email = os.environ.get("GREENLIGHT_EMAIL_BACKEND", "console" if DEBUG else "smtp")
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}.get(_email, "")
if not EMAIL_BACKEND:
    raise ImproperlyConfigured(
        f"GREENLIGHT_EMAIL_BACKEND={_email!r} is not one of console, locmem, smtp"
    )
EMAIL_HOST = os.environ.get("GREENLIGHT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GREENLIGHT_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("GREENLIGHT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GREENLIGHT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GREENLIGHT_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("GREENLIGHT_FROM_EMAIL", "greenlight@localhost")
SITE_URL = os.environ.get("GREENLIGHT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security: secure by default, HTTPS hardening when GREENLIGHT_HTTPS=1.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a reverse proxy, `greenlight serve` takes the client address and scheme from the
# proxy's X-Forwarded-* headers, but only when they come from GREENLIGHT_TRUSTED_PROXY.
BEHIND_PROXY = env_bool("GREENLIGHT_BEHIND_PROXY", False)
TRUSTED_PROXY = os.environ.get("GREENLIGHT_TRUSTED_PROXY", "127.0.0.1")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GREENLIGHT_LOG_LEVEL", "WARNING")},
}
