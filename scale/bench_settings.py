"""Settings for `make bench`: the application as production serves it (DEBUG off, whitenoise serving the
collected and compressed static files), on plain http://127.0.0.1, with the floor view's URL added.

The environment is set before act.settings reads it. Two-factor sign-in is off so that the benchmark can
sign in with a password (act.settings allows that only in the demo, hence DEMO). Nothing here raises a
limit: django-axes counts only wrong passwords and the shared links' throttle only unknown tokens and wrong
passcodes, and the benchmark signs in once per session with the right ones.
"""

import os
from pathlib import Path
from typing import Any, cast

_BASE = Path(__file__).resolve().parent.parent
# The measured database (make bench: BENCH_DATABASE_URL); the process's own connection points at it.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/act_bench"
os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)

os.environ.update(
    {
        "DEBUG": "false",
        "HTTPS": "false",
        "DEMO": "true",
        "TWO_FACTOR_REQUIRED": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "false",
        # Nothing leaves the machine: emails a measured page or scan might send are kept in memory.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": os.environ["BENCH_DATABASE_URL"],
    }
)
if not os.environ.get("SECRET_KEY") and not os.environ.get("SECRET_KEY_FILE"):
    os.environ["SECRET_KEY_FILE"] = str(_BASE / "var" / "secret-key")

from act.settings import *  # noqa: E402, F403
from act.settings import LOGGING, VAR_DIR  # noqa: E402

ROOT_URLCONF = "scale.bench_urls"
# Collected apart from production's folder, so that a bench never leaves files where a deploy looks.
STATIC_ROOT = VAR_DIR / "bench-static"
# django-axes says every sign-in at INFO; the benchmark signs in many times.
_LOGGERS = cast(dict[str, Any], LOGGING["loggers"])
LOGGING = {**LOGGING, "loggers": {**_LOGGERS, "axes": {"level": "WARNING"}}}
