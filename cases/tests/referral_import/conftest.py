"""The manager who imports, and their upload and confirmation as the browser sends them. The tasks run
as soon as the request's transaction commits, as a worker would run them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import ReferralImport


@pytest.fixture(autouse=True)
def _tasks_run_inline(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True


@pytest.fixture
def as_manager(client_for, manager):
    return client_for(manager)


@pytest.fixture
def send(as_manager, django_capture_on_commit_callbacks):
    """Upload a file as the manager; the queued tasks run when the request's transaction commits."""

    def upload(content: str | bytes, name: str = "referrals.csv", client=None):
        data = content.encode() if isinstance(content, str) else content
        with django_capture_on_commit_callbacks(execute=True):
            return (client or as_manager).post(
                reverse("referrals:import"), {"file": SimpleUploadedFile(name, data, "text/csv")}
            )

    return upload


@pytest.fixture
def confirm(as_manager, django_capture_on_commit_callbacks):
    def post(upload: ReferralImport, data: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return as_manager.post(reverse("referrals:import-confirm", args=[upload.pk]), data or {})

    return post
