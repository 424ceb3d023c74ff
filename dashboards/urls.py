from django.urls import path

from . import views
from .export import views as export_views

app_name = "dashboards"

urlpatterns = [
    path("cases/<int:pk>/space-link/", views.space_link_new, name="space-link-new"),
    path("team/export/", export_views.outcome_export, name="outcome-export"),
]
