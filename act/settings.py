"""Settings for the ACT case management application.

One file, driven by the environment. Every value has a safe development default so that
`make run` works on a fresh machine; production sets the variables listed in `env.example`.
A secret can also be read from a file named by `<NAME>_FILE` (for container secrets): `act/environment.py`
reads them.
"""

from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


# Safe by default: a forgotten variable gives a hardened service, never debug pages or a known key.
# `make run` (the demo) and the tests set what they need explicitly.
DEBUG = env_bool("DEBUG", False)
# The embedded demo of `make run`: the only place where two-factor sign-in may be turned off.
DEMO = env_bool("DEMO", False)
# Served over HTTPS only (redirect, secure cookies, HSTS). Only the demo and the tests, on plain
# http://127.0.0.1, turn it off.
HTTPS = env_bool("HTTPS", True)

SECRET_KEY = env("SECRET_KEY") or ""
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set (or SECRET_KEY_FILE). `make run` makes one for the demo under var/."
    )

# The key of the outcome export's pseudonymous ids: the same key gives the same id to a case in every export,
# so evaluators can follow it. Its own setting, so that rotating SECRET_KEY does not renumber every case.
OUTCOME_EXPORT_KEY = env("OUTCOME_EXPORT_KEY") or SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "act.admin_site.AdminSiteConfig",  # django.contrib.admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "cases",
    "assessments",
    "plans",
    "feedback",
    "supervision",
    "dashboards",
    "scale",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, so static files are left out: the Content Security Policy, Permissions-Policy and
    # `Cache-Control: no-store` on every page; then a request too large is refused before its body is read.
    "csp.middleware.CSPMiddleware",
    "act.middleware.SecurityHeadersMiddleware",
    "act.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Sign-in is required everywhere; the few public views are marked @login_not_required
    # and listed (with the reason) in act/tests/test_url_access.py.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages (they say why someone was signed out): the 12-hour limit, then the second step.
    "accounts.middleware.SessionLimitMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    # A change asked of a closed case: one answer for every page (see cases/access/, `open_only`).
    "cases.middleware.CaseClosedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "act.urls"
WSGI_APPLICATION = "act.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "act.context_processors.service",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait for locks instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, not memory, so that a real Celery worker in another process can share it.
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out person is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, fetching the person's team and agency with them (accounts/backends.py).
    "accounts.backends.AccountBackend",
    "guardian.backends.ObjectPermissionBackend",
]

# Passwords as the NCSC advises: length over complexity (at least 12 characters, no rules about
# what they must contain, no maximum), refused when common, predictable or made of the person's own
# details. The hint on the set-password pages says so.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "first_name", "last_name", "email", "phone")},
    },
    {"NAME": "accounts.passwords.OwnDetailsValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.passwords.PredictablePasswordValidator"},
]

LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# Sessions end when the browser closes, after 30 minutes without use and 12 hours after signing in
# whatever the use (SESSION_ABSOLUTE_AGE, checked by accounts.middleware.SessionLimitMiddleware):
# practitioners work on shared and mobile devices. The session is written when it changed, or when its
# 30 minutes last started more than a minute ago (accounts.sessions.refresh_expiry_when_due), not on
# every request (SESSION_SAVE_EVERY_REQUEST cost three queries a page): so a session ends between 29
# and 30 minutes without use, never later.
SESSION_COOKIE_AGE = 30 * 60
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-factor sign-in (django-otp): a code from an authenticator app, or a one-time backup code, after the
# password. Required unless turned off, and only the demo may turn it off (docs/decisions/0009).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
if not TWO_FACTOR_REQUIRED and not DEMO:
    raise ImproperlyConfigured(
        "TWO_FACTOR_REQUIRED is off, but only the demo may turn two-factor sign-in off (DEMO=true)."
    )
OTP_TOTP_ISSUER = env("SERVICE_NAME", "ACT case management")
# The admin may remove a lost device or clear its throttle, but never sees a key or a QR code to copy.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# django-guardian: no anonymous user object; per-object grants live in direct foreign-key tables.
ANONYMOUS_USER_NAME = None
GUARDIAN_RENDER_403 = False

# django-axes: five wrong passwords for one username from one address lock that pair for 30 minutes.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False  # no banner on every command; lock-outs are still logged
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(env("AXES_IPWARE_PROXY_COUNT", "0"))

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # GOV.UK Frontend and MOJ Frontend come from npm (`npm ci` in the Makefile).
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("moj", BASE_DIR / "node_modules" / "@ministryofjustice" / "frontend" / "moj"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Production runs collectstatic; the demo serves static files straight from their folders. Tests leave
# the finders off: with them on, every test client rescans every static file.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", False)
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Files only the app may hand out, after checking who asks (the young person's photo): a folder with no
# URL of its own, outside MEDIA_ROOT and the static files, so neither whitenoise nor a web server serves it.
PRIVATE_FILES_ROOT = Path(env("PRIVATE_FILES_ROOT", str(VAR_DIR / "private")))

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Cache and Celery: Redis when REDIS_URL is set, otherwise local memory and a broker on disk.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    BROKER_DIR = Path(env("BROKER_DIR", str(VAR_DIR / "broker")))
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # Otherwise kombu keeps broadcast exchanges in ./control, wherever the process started.
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }

CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged after it ran, so a worker killed mid-task leaves it to be run again;
# every task is written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "remove-old-import-files": {
        "task": "cases.tasks.remove_old_import_files",
        # Daily at a fixed time, not every 24 hours from beat's start: beat restarts with every deploy.
        "schedule": crontab(hour=3, minute=15),
    },
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": 60 * 60,  # hourly: short, idempotent, and a missed run is caught up next time
    },
    "send-reminders": {
        "task": "accounts.tasks.send_reminders",
        # Every 15 minutes: the 72-hour return home interview clock needs better than hourly.
        "schedule": 15 * 60,
    },
    "send-check-ins-and-feedback": {
        "task": "feedback.tasks.send_due_requests",
        # Every 15 minutes: a request goes out within a quarter of an hour of the start of their hours.
        "schedule": 15 * 60,
    },
}

# Messages to young people and families (cases/messaging.py): Django's email by default; "notify" sends
# emails and texts through GOV.UK Notify with the council's key and two templates (see the README).
MESSAGES_BACKEND = env("MESSAGES_BACKEND", "email")
if MESSAGES_BACKEND not in ("email", "notify"):
    raise ImproperlyConfigured('MESSAGES_BACKEND is "email" or "notify"')
NOTIFY_API_KEY = env("NOTIFY_API_KEY", "")
NOTIFY_EMAIL_TEMPLATE_ID = env("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_TEXT_TEMPLATE_ID = env("NOTIFY_TEXT_TEMPLATE_ID", "")
if MESSAGES_BACKEND == "notify" and not (NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_TEXT_TEMPLATE_ID):
    raise ImproperlyConfigured(
        "GOV.UK Notify needs NOTIFY_API_KEY, NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_TEXT_TEMPLATE_ID"
    )

# Email: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that stops answering is given up on after this many seconds (Django waits for ever by
# default), so that a notification taken to be emailed is sent or given back well within the lapse below.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "60"))
# A notification taken to be emailed by a run that then stopped (its worker killed) is taken again by a later
# run after this many seconds: longer than sending one email can take, so that two runs never both send it.
EMAIL_TAKEN_LAPSE_SECONDS = int(env("EMAIL_TAKEN_LAPSE_SECONDS", "600"))
# For the file backend (django.core.mail.backends.filebased.EmailBackend): one file per email.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ACT case management <act-noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Retention: the text of an uploaded referral file is deleted this many days after the upload (the
# import's summary and the referrals made from it stay). See "Retention" in the README.
REFERRAL_IMPORT_RETENTION_DAYS = int(env("REFERRAL_IMPORT_RETENTION_DAYS", "30"))

SERVICE_NAME = env("SERVICE_NAME", "ACT case management")
# Where "Exit this page" on young people's and families' pages goes: a neutral site that says nothing about
# the service (GOV.UK's default). Leaving is a plain navigation, which the Content Security Policy does not
# restrict (form-action covers only forms); the referrer policy keeps the link's address from it.
EXIT_PAGE_URL = env("EXIT_PAGE_URL", "https://www.bbc.co.uk/weather")
if not EXIT_PAGE_URL.startswith("https://"):
    raise ImproperlyConfigured("EXIT_PAGE_URL must be an https:// address.")
# The address of the service, for links in emails.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Hardening: the headers always; HTTPS-only behaviour unless HTTPS is explicitly off (checked by
# `manage.py check --deploy`).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp 4): everything from this service only, and no inline script or
# style anywhere (behaviour lives in static/js, style in the Sass). Nothing may frame the pages, forms
# post only here, and <base> and plugins are refused. See docs/decisions/0010-security-headers.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The largest request is a referral import: a CSV file of up to 5 MB (cases/referral_import/reading.py) in its form.
# Anything larger is refused with 413 before it is read (act/middleware.py); the web server in front
# should have the same limit (nginx: client_max_body_size 6m).
MAX_REQUEST_BYTES = int(env("MAX_REQUEST_BYTES", str(6 * 1024 * 1024)))
# The part of a request that is not files: the largest forms hold three texts of 20,000 characters.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# An uploaded file is kept in memory, never in a temporary file on disk (a referral export holds
# children's details); MAX_REQUEST_BYTES bounds the memory one request can take.
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES

if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint says each step of every PDF it draws ("Step 5 - Creating layout - Page 2") at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
