"""Every case has its assessment from the moment it opens."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cases.models import Case

from .services import assessment_open


@receiver(post_save, sender=Case)
def open_assessment(sender, instance: Case, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        assessment_open(case=instance)
