import pytest
from django.urls import reverse


@pytest.fixture(autouse=True)
def _tasks_run_inline(settings):
    # The referral import's checks and the reminders run in the request, as a worker would run them.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True


@pytest.fixture
def case_pages(case):
    """The young person's pages that show what was typed about them."""

    def pages(*names: str) -> list[str]:
        return [reverse(name, args=[case.pk]) for name in names]

    return pages
