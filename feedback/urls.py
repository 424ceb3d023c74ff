from django.urls import URLPattern, URLResolver, path

from .views import team, voice

app_name = "feedback"

urlpatterns: list[URLPattern | URLResolver] = [
    # What young people and families said: the case's check-ins and feedback, and the team's feedback.
    path("cases/<int:pk>/", voice.case_voice, name="case-voice"),
    path("cases/<int:pk>/check-in/", voice.case_check_in, name="case-check-in"),
    path("team/", team.team_feedback, name="team"),
]
