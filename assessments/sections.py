"""The sections of the assessment, with prompts written for who is answering.

Each section starts with strengths. Prompts for young people and carers use plain, friendly words:
no jargon ("CSE", "assessment domain", "intervention", ...) on anything they see.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Person

if TYPE_CHECKING:
    # Only for the type checker: django-stubs-ext is a development package.
    from django_stubs_ext import StrOrPromise


class SectionKind(models.TextChoices):
    ABOUT_ME = "about_me", _("About me and what I enjoy")
    GOING_WELL = "going_well", _("What is going well")
    FAMILY = "family", _("Family and home")
    FRIENDS = "friends", _("Friends and relationships")
    EDUCATION = "education", _("School, college or work")
    HEALTH = "health", _("Health and feelings")
    SAFETY = "safety", _("Keeping safe")
    WORRIES = "worries", _("Worries")
    PRIORITIES = "priorities", _("What I want to happen")


class Audience(models.TextChoices):
    # The people without an account are those a shared link is for: said once, in `cases`.
    YOUNG_PERSON = Person.YOUNG_PERSON.value, Person.YOUNG_PERSON.label
    PARENT_CARER = Person.PARENT_CARER.value, Person.PARENT_CARER.label
    KEY_PERSON = Person.KEY_PERSON.value, Person.KEY_PERSON.label
    KEY_WORKER = "key_worker", _("The key worker")
    PARTNER = "partner", _("A partner agency")


@dataclass(frozen=True)
class Prompts:
    # Translated when shown, in the language of the request: lazy strings until then.
    title: "StrOrPromise"
    questions: tuple["StrOrPromise", ...]


# What each person is asked, section by section.
PROMPTS: dict[str, dict[str, Prompts]] = {
    SectionKind.ABOUT_ME: {
        Audience.YOUNG_PERSON: Prompts(
            _("About me"),
            (
                _("What do you like doing? What are you good at?"),
                _("What should people know about you so they get you right?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("About your child"),
            (
                _("What do they enjoy, and what are they good at?"),
                _("What helps them feel comfortable with new people?"),
            ),
        ),
        Audience.KEY_WORKER: Prompts(
            _("About the young person"),
            (_("Their interests, strengths and what matters to them, in their words where you can."),),
        ),
    },
    SectionKind.GOING_WELL: {
        Audience.YOUNG_PERSON: Prompts(
            _("What is going well"),
            (
                _("What is good in your life right now?"),
                _("Who or what helps you when things are hard?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("What is going well"),
            (
                _("What is going well for your child and your family?"),
                _("What have you tried that has helped?"),
            ),
        ),
        Audience.KEY_WORKER: Prompts(
            _("Strengths and what is working"),
            (_("Strengths in the young person, the family and the network; what is already helping."),),
        ),
    },
    SectionKind.FAMILY: {
        Audience.YOUNG_PERSON: Prompts(
            _("Family and home"),
            (
                _("What is good about home?"),
                _("Is there anything at home you would change?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("Family and home"),
            (
                _("What is good about home life at the moment?"),
                _("What would make things easier for you as a family?"),
            ),
        ),
        Audience.KEY_WORKER: Prompts(
            _("Family and home"), (_("Family relationships, home stability and the support parents or carers need."),)
        ),
    },
    SectionKind.FRIENDS: {
        Audience.YOUNG_PERSON: Prompts(
            _("Friends and relationships"),
            (
                _("Who are the people you like spending time with?"),
                _("What does a good friend, or a good relationship, look like to you?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("Friends and relationships"),
            (_("Who are your child's friends? Who do you feel good about, and who worries you?"),),
        ),
        Audience.KEY_WORKER: Prompts(
            _("Friends and relationships"),
            (_("Peer relationships, including online; their understanding of healthy relationships."),),
        ),
    },
    SectionKind.EDUCATION: {
        Audience.YOUNG_PERSON: Prompts(
            _("School, college or work"),
            (
                _("What is school, college or work like for you?"),
                _("What would make it better?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("School, college or work"), (_("How are things going at school, college or work?"),)
        ),
        Audience.KEY_WORKER: Prompts(
            _("Education, training or work"), (_("Attendance, engagement, relationships with staff, aspirations."),)
        ),
    },
    SectionKind.HEALTH: {
        Audience.YOUNG_PERSON: Prompts(
            _("Health and feelings"),
            (
                _("How have you been feeling lately?"),
                _("What helps you feel better when you are low?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("Health and feelings"), (_("How do you think your child is feeling? Has anything changed lately?"),)
        ),
        Audience.KEY_WORKER: Prompts(
            _("Physical, emotional and sexual health"),
            (_("Wellbeing, mental and sexual health, substance use, access to health services."),),
        ),
    },
    SectionKind.SAFETY: {
        Audience.YOUNG_PERSON: Prompts(
            _("Keeping safe"),
            (
                _("Where do you feel safe, and who with?"),
                _("Online and out and about: is there anything that makes you feel unsafe?"),
                _("If you stay out or go missing, what would help you get home safely?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("Keeping safe"),
            (
                _("When do you feel your child is safe, and when do you worry?"),
                _("If they stay out late or go missing, what happens and what helps?"),
            ),
        ),
        Audience.KEY_WORKER: Prompts(
            _("Safety"),
            (_("Risk and what protects them, including online, going missing and exploitation."),),
        ),
    },
    SectionKind.WORRIES: {
        Audience.YOUNG_PERSON: Prompts(
            _("Worries"),
            (
                _("Is there anything you are worried about?"),
                _("Are there things other people worry about that you think are fine?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(_("Worries"), (_("What worries you most at the moment?"),)),
        Audience.KEY_WORKER: Prompts(
            _("Worries"), (_("The worries of the young person, the family and professionals, and where they differ."),)
        ),
    },
    SectionKind.PRIORITIES: {
        Audience.YOUNG_PERSON: Prompts(
            _("What I want to happen"),
            (
                _("What would you like to be different? Put the most important first."),
                _("What would you like help with?"),
            ),
        ),
        Audience.PARENT_CARER: Prompts(
            _("What we want to happen"),
            (_("What would you like to change for your family? Put the most important first."),),
        ),
        Audience.KEY_WORKER: Prompts(
            _("Priorities"),
            (_("The young person's and family's own priorities, in their order, and what you will do together."),),
        ),
    },
}


# Someone close to the young person (a grandparent, a trusted adult) is asked the same three things in every
# part: what they see, what worries them, and what they could do. They are not asked about the young
# person's private life part by part: that is the young person's to tell.
KEY_PERSON_PROMPTS = (
    _("What do you see going well for them?"),
    _("What worries you?"),
    _("What could you do to help?"),
)

# The parents' titles read right for them too, except where those speak as a parent.
KEY_PERSON_TITLES: dict[str, "StrOrPromise"] = {
    SectionKind.ABOUT_ME: _("About them"),
    SectionKind.PRIORITIES: _("What should happen next"),
}


def prompts_for(kind: str, audience: str) -> Prompts:
    by_audience = PROMPTS[kind]
    if audience == Audience.KEY_PERSON:
        title = KEY_PERSON_TITLES.get(kind) or by_audience[Audience.PARENT_CARER].title
        return Prompts(title, KEY_PERSON_PROMPTS)
    # Partners answer the professional prompts.
    return by_audience.get(audience) or by_audience[Audience.KEY_WORKER]
