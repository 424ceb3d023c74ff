from django.urls import path

from . import views
from .team import views as team_views

app_name = "dashboards"

urlpatterns = [
    path("cases/<int:pk>/space-link/", views.space_link_new, name="space-link-new"),
    path("team/", team_views.team_dashboard, name="team"),
    path("team/cases/", team_views.team_cases, name="team-cases"),
]
