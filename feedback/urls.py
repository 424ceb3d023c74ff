from django.urls import URLPattern, URLResolver

app_name = "feedback"

# Pages of this part of the pathway are added here as they are built.
urlpatterns: list[URLPattern | URLResolver] = []
