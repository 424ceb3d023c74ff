from django.urls import path

from . import views
from .export import views as export_views
from .team import views as team_views
from .work import views as work

app_name = "dashboards"

urlpatterns = [
    path("my-work/", work.my_work, name="my-work"),
    path("team/", team_views.team_dashboard, name="team"),
    path("team/cases/", team_views.team_cases, name="team-cases"),
    path("team/export/", export_views.outcome_export, name="outcome-export"),
    path("cases/<int:pk>/space-link/", views.space_link_new, name="space-link-new"),
]
