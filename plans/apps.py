from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Family plans and meetings"

    def ready(self):
        from cases import panels

        from .review import review_ratings

        panels.register("assessment-review", review_ratings)
