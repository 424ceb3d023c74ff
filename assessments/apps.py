from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from accounts.notifications import register_reminders
        from cases import flags, shared_links

        from . import signals  # noqa: F401
        from .queries import annotate_case_flags
        from .reminders import review_reminders
        from .services.links import LINK_PURPOSE, describe_links
        from .views.shared import section_page

        flags.register(annotate_case_flags)
        register_reminders(review_reminders)
        shared_links.register_purpose(
            LINK_PURPOSE, label=_("A part of the assessment"), handler=section_page, describe=describe_links
        )
