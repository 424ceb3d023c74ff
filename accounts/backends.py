"""Signing in with a username and password, as Django's ModelBackend does, with one difference: the person
is fetched on each request together with their team and agency, which every staff page names in its header
(one query instead of three)."""

from django.contrib.auth.backends import ModelBackend

from .models import User


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        user = User._default_manager.select_related("team", "agency").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
