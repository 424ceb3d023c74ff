"""Shared links: the only door for people without an account. One mechanism for every kind of link.

A link belongs to a case and opens exactly one thing for one person (the young person, or a parent or
carer). What that thing is, is said by its `purpose` ("section" for a part of the assessment, ...) and
`target_id` (the pk of the thing, read only by the app that registered the purpose: see
`cases.shared_links`). `cases` never knows those apps' models, so the link has no foreign key to them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case


class Person(models.TextChoices):
    """Who a link is for: the only people who have no account."""

    YOUNG_PERSON = "young_person", _("The young person")
    PARENT_CARER = "parent_carer", _("A parent or carer")
    # Someone from the young person's network (a grandparent, a trusted adult), invited with the young
    # person's agreement to add their words to one part of the assessment or to the plan, and nothing else.
    KEY_PERSON = "key_person", _("Someone close to the young person")


class SharedLink(models.Model):
    """A link to exactly one thing, for one person.

    The token is shown once, when the link is made; only its SHA-256 is stored. A passcode agreed with the
    young person can protect it (stored as a password hash). It expires, can be revoked, and every use is
    recorded in LinkUse.
    """

    class State(models.TextChoices):
        """Whether the link opens anything now. Only a working link does; the others all show the same kind
        page, with nothing on it."""

        WORKING = "working", _("Working")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        CASE_CLOSED = "case_closed", _("Case closed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shared_links")
    # Registered by the app that owns the thing (`cases.shared_links.register_purpose`), not a fixed list
    # of choices here: the apps above `cases` add theirs without a migration of `cases`.
    purpose = models.CharField(max_length=20)
    # The pk of the one thing the link opens, interpreted only by the purpose's app (none for a link that
    # opens a place rather than a thing).
    target_id = models.PositiveIntegerField(null=True, blank=True)
    person = models.CharField(max_length=20, choices=Person.choices)
    person_name = models.CharField(_("name"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    passcode_hash = models.CharField(max_length=128, blank=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # An app finds the links to one of its things ("revoke the links to this plan") by these two.
        indexes = [models.Index(fields=["purpose", "target_id"], name="shared_link_target_idx")]

    def __str__(self):
        return f"Link for {self.person_name or self.get_person_display()}"

    @property
    def state(self) -> "SharedLink.State":
        if self.revoked_at:
            return self.State.REVOKED
        if self.case.is_closed:
            return self.State.CASE_CLOSED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.WORKING

    @property
    def who(self) -> str:
        """The person's name for the worker's pages and for what they write: their name, or who they are."""
        return self.person_name or str(self.get_person_display())


class LinkUse(models.Model):
    """One use of a link. The door records opening, passcodes and refusals; the app whose page the link
    opens records what was done there (its own events join these choices when it needs them)."""

    class Event(models.TextChoices):
        OPENED = "opened", _("Opened")
        SAVED = "saved", _("Saved")
        SENT = "sent", _("Sent to the worker")
        SHARED = "shared", _("Changed who else may read it")
        MORE = "more", _("Started writing more")
        WRONG_PASSCODE = "wrong_passcode", _("Wrong passcode")
        PASSCODE_OK = "passcode_ok", _("Passcode accepted")
        REFUSED = "refused", _("Refused: expired or revoked")

    link = models.ForeignKey(SharedLink, on_delete=models.CASCADE, related_name="uses")
    event = models.CharField(max_length=20, choices=Event.choices)
    at = models.DateTimeField(auto_now_add=True)
    # A keyed hash of the address: enough to see a pattern, not to identify a young person's phone.
    address_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.event} {self.at:%Y-%m-%d %H:%M}"
