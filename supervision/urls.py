from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "supervision"

urlpatterns: list[URLPattern | URLResolver] = [
    # The manager's: the team's workers, one worker's records, a new record.
    path("", views.team, name="team"),
    path("workers/<int:worker_pk>/", views.worker, name="worker"),
    path("workers/<int:worker_pk>/new/", views.new, name="new"),
    # A record (its worker and the team's managers), and a direction added to it (the managers).
    path("records/<int:supervision_pk>/", views.record, name="record"),
    path("records/<int:supervision_pk>/directions/", views.direction_add, name="direction-add"),
    # A worker's own records.
    path("mine/", views.mine, name="mine"),
    # On a case: its directions, and one marked done.
    path("cases/<int:pk>/directions/", views.case_directions, name="case-directions"),
    path("cases/<int:pk>/directions/<int:direction_pk>/done/", views.direction_done, name="direction-done"),
]
