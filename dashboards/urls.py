from django.urls import path

from . import views
from .export import views as export_views
from .work import views as work

app_name = "dashboards"

urlpatterns = [
    path("my-work/", work.my_work, name="my-work"),
    path("cases/<int:pk>/space-link/", views.space_link_new, name="space-link-new"),
    path("team/export/", export_views.outcome_export, name="outcome-export"),
]
