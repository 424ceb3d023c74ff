"""The application's URLs and the benchmark's floor, for scale.bench_settings only (never production)."""

from django.urls import include, path

from scale.bench.floor import floor

urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("act.urls")),
]
