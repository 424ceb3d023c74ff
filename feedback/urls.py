app_name = "feedback"

# Pages of this part of the pathway are added here as they are built.
urlpatterns = []
