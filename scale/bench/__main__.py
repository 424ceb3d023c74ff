"""`python -m scale.bench`: the same as `manage.py bench`, with the benchmark's settings."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scale.bench_settings")
django.setup()

from scale.bench.run import main  # noqa: E402

main()
