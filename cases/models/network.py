from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .links import Person, SharedLink


class OwnCloseness(models.TextChoices):
    """How close the young person says they feel to someone, in their own words (their space's "My people").
    Kept apart from the professional view (`NetworkMember.closeness`): the worker sees both side by side."""

    CLOSE = "close", _("Close to me")
    IN_BETWEEN = "in_between", _("In between")
    FURTHER = "further", _("Further away")


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
    # The young person's own view, said in their space and changed only there (never by the staff forms):
    # how close they feel ("": not said yet), and whether this person makes them feel unsafe.
    own_closeness = models.CharField(
        _("how close the young person says they feel"), max_length=10, choices=OwnCloseness.choices, blank=True
    )
    feels_unsafe = models.BooleanField(_("makes the young person feel unsafe"), default=False)
    # Someone the young person added themselves, from their space: no account, agency or contact details.
    added_by_young_person = models.BooleanField(_("added by the young person"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    # Why a partner agency worker was added past the case's consent to share (empty when within it).
    sharing_reason = models.TextField(_("why they must see this case anyway"), blank=True)

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

    @property
    def closeness_as_they_see_it(self) -> str:
        """How close the young person feels, in their space's words: what they said, or until they say,
        the professional view put in those words (the place they start from when they move someone)."""
        return self.own_closeness or FROM_PROFESSIONAL.get(self.closeness, OwnCloseness.FURTHER)


# The professional view's rings, in the young person's words.
FROM_PROFESSIONAL: dict[str, str] = {
    NetworkMember.Closeness.CLOSE: OwnCloseness.CLOSE,
    NetworkMember.Closeness.SOME: OwnCloseness.IN_BETWEEN,
    NetworkMember.Closeness.DISTANT: OwnCloseness.FURTHER,
}
# And back: where the young person's view puts someone on the ecomap's rings.
TO_RINGS: dict[str, str] = {own: ring for ring, own in FROM_PROFESSIONAL.items()}
# Closest first: "move closer" goes one step to the left.
OWN_ORDER = [OwnCloseness.CLOSE, OwnCloseness.IN_BETWEEN, OwnCloseness.FURTHER]


class NetworkChange(models.Model):
    """One change the young person made to their own view of their people, through their space link: what it was
    before and after, so that their worker sees the change and what was there before. Never changed, except
    to say when a worker has seen it."""

    class What(models.TextChoices):
        CLOSENESS = "closeness", _("How close")
        UNSAFE = "unsafe", _("Makes them feel unsafe")
        ADDED = "added", _("Added someone")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="network_changes")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="changes")
    what = models.CharField(max_length=10, choices=What.choices)
    # Stored values: an OwnCloseness value ("" for not said yet), or "yes"/"no" for `unsafe`.
    before = models.CharField(max_length=20, blank=True)
    after = models.CharField(max_length=20, blank=True)
    # Who: the person the link is for, through which link (kept if the link is later revoked).
    person = models.CharField(max_length=20, choices=Person.choices, default=Person.YOUNG_PERSON)
    link = models.ForeignKey(SharedLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="network_change_case_idx")]

    def __str__(self):
        return f"{self.what}: {self.before or '-'} -> {self.after or '-'}"

    def _words(self, value: str) -> str:
        if self.what == self.What.UNSAFE:
            return str(_("Makes them feel unsafe") if value == "yes" else _("Not said to make them feel unsafe"))
        if self.what == self.What.ADDED and not value:
            return str(_("Not in the network"))
        return str(OwnCloseness(value).label) if value in OwnCloseness.values else str(_("Not said yet"))

    @property
    def before_words(self) -> str:
        return self._words(self.before)

    @property
    def after_words(self) -> str:
        return self._words(self.after)
