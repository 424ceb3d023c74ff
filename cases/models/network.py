from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case


class NetworkMember(models.Model):
    """A person or service around the young person, and how the young person sees them.

    A partner agency worker with an account can be linked (`user`): while they are an active member of an
    open case they have access to it (cases/access/). Removing them keeps the row, with `removed_at`.
    """

    # What can be changed about someone once they are in the network (the linked account cannot).
    EDITABLE = (
        "kind",
        "name",
        "relationship",
        "agency",
        "contact_details",
        "closeness",
        "young_persons_view",
        "can_contribute",
    )

    class Kind(models.TextChoices):
        FAMILY = "family", _("Family")
        FRIEND = "friend", _("Friend")
        PROFESSIONAL = "professional", _("Professional or service")
        OTHER = "other", _("Someone else")

    class Closeness(models.TextChoices):
        CLOSE = "close", _("Close")
        SOME = "some", _("Some")
        DISTANT = "distant", _("Distant")

    class View(models.TextChoices):
        SUPPORT = "support", _("A support")
        WORRY = "worry", _("A worry")
        BOTH = "both", _("Both")
        NOT_SURE = "not_sure", _("Not sure")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="network")
    kind = models.CharField(_("who they are"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    relationship = models.CharField(_("relationship or role"), max_length=150, blank=True)
    agency = models.CharField(_("agency or service"), max_length=150, blank=True)
    contact_details = models.CharField(_("phone or email"), max_length=200, blank=True)
    closeness = models.CharField(_("how close the young person feels"), max_length=10, choices=Closeness.choices)
    young_persons_view = models.CharField(
        _("in the young person's view"), max_length=10, choices=View.choices, default=View.NOT_SURE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_memberships",
    )
    can_contribute = models.BooleanField(_("can add to the record"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(removed_at__isnull=True, user__isnull=False),
                name="one_active_membership_per_account",
            )
        ]

    def __str__(self):
        return self.name
