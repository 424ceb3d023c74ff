from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Family plans and meetings"

    def ready(self):
        from accounts.notifications import register_reminders
        from cases import flags

        from .queries import annotate_case_flags
        from .reminders import action_reminders, ambitions_reminders, meeting_reminders

        flags.register(annotate_case_flags)
        register_reminders(meeting_reminders)
        register_reminders(ambitions_reminders)
        register_reminders(action_reminders)
