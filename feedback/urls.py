from django.urls import URLPattern, URLResolver, path

from .views import alerts, rhythms, team, voice

app_name = "feedback"

urlpatterns: list[URLPattern | URLResolver] = [
    # Asking (check-in and feedback rhythms) and the low check-ins.
    path("cases/<int:pk>/rhythms/", rhythms.case_rhythms, name="case-rhythms"),
    path("cases/<int:pk>/rhythms/check-in/", rhythms.check_in_rhythm, name="check-in-rhythm"),
    path("cases/<int:pk>/rhythms/feedback/", rhythms.feedback_rhythm_new, name="feedback-rhythm-new"),
    path("cases/<int:pk>/rhythms/<int:rhythm_pk>/", rhythms.rhythm_change, name="rhythm-change"),
    path("cases/<int:pk>/rhythms/<int:rhythm_pk>/stop/", rhythms.rhythm_stop, name="rhythm-stop"),
    path("cases/<int:pk>/alerts/", alerts.case_alerts, name="case-alerts"),
    path("cases/<int:pk>/alerts/<int:alert_pk>/", alerts.alert_handled, name="alert-handled"),
    # What young people and families said: the case's check-ins and feedback, and the team's feedback.
    path("cases/<int:pk>/", voice.case_voice, name="case-voice"),
    path("cases/<int:pk>/check-in/", voice.case_check_in, name="case-check-in"),
    path("team/", team.team_feedback, name="team"),
]
