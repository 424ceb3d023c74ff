from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback"

    def ready(self):
        # Asking and alerting: feedback after each meeting held (plans sends the signal; feedback does not
        # import plans), and the open low check-ins as a flag on the case.
        from cases import flags
        from cases.signals import meeting_held

        from . import receivers
        from .queries import annotate_case_flags

        meeting_held.connect(receivers.on_meeting_held, dispatch_uid="feedback-after-meeting")
        flags.register(annotate_case_flags)
