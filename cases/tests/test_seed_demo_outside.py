"""Seeding the demo outside the demo: refused, unless forced. Apart from the seeded demo's tests
(test_seed_demo.py), which share one seeded database, as these start from an empty one."""

import pytest
from django.core.management import CommandError

from accounts.models import User
from cases.tests.test_seed_demo import seed


def test_seeding_refuses_outside_the_demo(db, settings, tmp_path):
    settings.DEMO = False
    with pytest.raises(CommandError, match="not the demo"):
        seed(tmp_path / "demo-backup-codes.txt")
    assert not User.objects.exists()


def test_seeding_with_force_runs_outside_the_demo(db, settings, tmp_path):
    settings.DEMO = False
    seed(tmp_path / "demo-backup-codes.txt", "--force")
    assert User.objects.filter(username="worker").exists()
