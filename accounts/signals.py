"""Keep team-manager group membership in step with a user's role and team, however it is saved
(the admin, a service, the demo seed)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Team, User


@receiver(post_save, sender=User)
def sync_manager_groups(sender, instance: User, **kwargs):
    managed = Team.objects.filter(managers_group__user=instance).exclude(pk=instance.team_id)
    for team in managed:
        instance.groups.remove(team.managers_group)
    if instance.is_manager and instance.is_active and instance.team_id:
        instance.groups.add(instance.team.managers_group)
    elif instance.team_id:
        instance.groups.remove(instance.team.managers_group)
