"""The columns of the council system's referrals export, and the Referral field each one fills."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models

from ..models import Awareness, LivingSituation, Urgency


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    required: bool = True


# The columns, in the order the sample file has them. `field` is the Referral field each one fills.
COLUMNS: tuple[Column, ...] = (
    Column("council_reference", "external_reference"),
    Column("received_date", "received_at"),
    Column("first_name", "given_name"),
    Column("last_name", "family_name"),
    Column("date_of_birth", "date_of_birth"),
    Column("living_situation", "living_situation"),
    Column("education_setting", "education_setting", required=False),
    Column("referrer_name", "referrer_name"),
    Column("referrer_agency", "referrer_agency"),
    Column("referrer_contact", "referrer_contact"),
    Column("worries", "worries"),
    Column("worries_details", "worries_details", required=False),
    Column("going_well", "going_well", required=False),
    Column("young_person_knows", "young_person_knows"),
    Column("parent_knows", "parent_knows"),
    Column("urgency", "urgency"),
    Column("consent", "consent", required=False),
    Column("anything_else", "anything_else", required=False),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS = tuple(column.name for column in COLUMNS if column.required)

# Choice columns accept the stored value ("foster_care") or the label people see ("Foster care").
CHOICES: dict[str, type[models.TextChoices]] = {
    "living_situation": LivingSituation,
    "young_person_knows": Awareness,
    "parent_knows": Awareness,
    "urgency": Urgency,
}


def normalise_name(name: str) -> str:
    """A column name as written in a spreadsheet ("Date of birth ") to the name used here
    ("date_of_birth")."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
