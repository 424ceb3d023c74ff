"""Settings are read from the environment; production-like settings pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-secret-for-the-test-only-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": "act.example.org",
    "DATABASE_URL": "sqlite:///" + str(BASE_DIR / "var" / "unused.sqlite3"),
}


def run_django(code: str, extra_env: dict) -> subprocess.CompletedProcess:
    # Only what a production process would have: nothing from the test run (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE in this process, which the deployment check rightly refuses).
    unset = {
        "DEBUG",
        "DEMO",
        "HTTPS",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "STATICFILES_BACKEND",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "TWO_FACTOR_REQUIRED",
    }
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(DJANGO_SETTINGS_MODULE="act.settings", **extra_env)
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_secret_key_is_required_even_with_debug_on():
    for debug in ("false", "true"):
        result = run_django("import django; django.setup()", {"DEBUG": debug, "SECRET_KEY": ""})
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr


def test_a_forgotten_variable_gives_a_hardened_service():
    code = (
        "from django.conf import settings;"
        "print(settings.DEBUG, settings.DEMO, settings.SESSION_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT,"
        " settings.ALLOWED_HOSTS, settings.X_FRAME_OPTIONS)"
    )
    result = run_django(code, {"SECRET_KEY": PRODUCTION["SECRET_KEY"]})
    assert result.stdout.split() == ["False", "False", "True", "True", "[]", "DENY"], result.stderr


def test_two_factor_sign_in_is_required_unless_turned_off():
    code = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    assert run_django(code, PRODUCTION).stdout.split() == ["True"]


def test_only_the_demo_may_turn_two_factor_sign_in_off():
    code = "import django; django.setup(); from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    for off in ("false", "0", "no"):
        result = run_django(code, {**PRODUCTION, "TWO_FACTOR_REQUIRED": off})
        assert result.returncode != 0
        assert "only the demo may turn two-factor sign-in off" in result.stderr
    result = run_django(code, {**PRODUCTION, "TWO_FACTOR_REQUIRED": "false", "DEMO": "true"})
    assert result.stdout.split() == ["False"], result.stderr


def test_secrets_can_be_read_from_files(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file-0123456789012345678901234567890123456789\n")
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    result = run_django(code, {**PRODUCTION, "SECRET_KEY": "", "SECRET_KEY_FILE": str(secret_file)})
    assert result.stdout.strip() == "from-a-file-0123456789012345678901234567890123456789", result.stderr


def test_database_and_broker_come_from_the_environment():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], settings.CELERY_BROKER_URL, settings.CACHES['default']['BACKEND'])"
    )
    env = {
        "SECRET_KEY": PRODUCTION["SECRET_KEY"],
        "DATABASE_URL": "postgres://act:pw@db.internal:5433/actdb",
        "REDIS_URL": "redis://cache.internal:6379/2",
    }
    result = run_django(code, env)
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "actdb",
        "redis://cache.internal:6379/2",
        "django.core.cache.backends.redis.RedisCache",
    ], result.stderr


def test_embedded_default_is_sqlite_and_a_broker_on_disk():
    code = (
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL)"
    )
    env = {"SECRET_KEY": PRODUCTION["SECRET_KEY"], "DATABASE_URL": ""}
    result = run_django(code, env)
    assert result.stdout.split() == ["django.db.backends.sqlite3", "filesystem://"], result.stderr


def test_production_settings_pass_the_deployment_check():
    result = run_django(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_exit_this_page_leaves_only_for_an_https_address():
    code = "from django.conf import settings; print(settings.EXIT_PAGE_URL)"
    assert run_django(code, PRODUCTION).stdout.split() == ["https://www.bbc.co.uk/weather"]
    result = run_django(code, {**PRODUCTION, "EXIT_PAGE_URL": "javascript:alert(1)"})
    assert result.returncode != 0 and "EXIT_PAGE_URL must be an https:// address" in result.stderr
