from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases"

    def ready(self):
        from accounts.notifications import register_reminders

        from . import flags
        from .models.risk import with_current_level
        from .reminders import interview_reminders, referral_reminders

        register_reminders(interview_reminders)
        register_reminders(referral_reminders)
        flags.register(with_current_level)
