from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Supervision"

    def ready(self):
        # A case direction past its date, as a flag on the Cases page and the case header (cases does not
        # import supervision).
        from cases import flags

        from .queries import annotate_case_flags

        flags.register(annotate_case_flags)
