app_name = "assessments"

# Pages of this part of the pathway are added here as they are built.
urlpatterns = []
