from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from cases import flags

        from . import signals  # noqa: F401
        from .queries import annotate_case_flags

        flags.register(annotate_case_flags)
