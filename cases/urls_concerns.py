"""The register of persons, places, vehicles and online accounts of concern (a case's own concerns page is
in `cases.urls`)."""

from django.urls import path

from .views import concerns

app_name = "concerns"

urlpatterns = [
    path("", concerns.register, name="register"),
    path("add/", concerns.entry_add, name="add"),
    path("map/", concerns.concerns_map, name="map"),
    path("<int:pk>/", concerns.entry_detail, name="entry"),
    path("<int:pk>/edit/", concerns.entry_edit, name="edit"),
]
