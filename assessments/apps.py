from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from accounts.notifications import register_reminders
        from cases import flags

        from . import signals  # noqa: F401
        from .queries import annotate_case_flags
        from .reminders import review_reminders

        flags.register(annotate_case_flags)
        register_reminders(review_reminders)
