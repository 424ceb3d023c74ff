from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Measuring the service at Greater Manchester's size: the data (`seed_scale`), the benchmark
    (`make bench`) and the load test (`make load`). It sits above every other app, because it builds and
    reads the records of all of them; nothing imports it."""

    name = "scale"
    verbose_name = "Scale"
