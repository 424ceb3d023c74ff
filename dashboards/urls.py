from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("cases/<int:pk>/space-link/", views.space_link_new, name="space-link-new"),
]
