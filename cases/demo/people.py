"""The demo's young people: the three personas of the co-design report (Destiny 15, Lily 17, Emily 13) and
the people around each of them."""

from datetime import date

from ..models import LegalStatus, LivingSituation, NetworkMember

Kind = NetworkMember.Kind
Closeness = NetworkMember.Closeness
View = NetworkMember.View


def years_ago(years: int, months: int = 0) -> date:
    today = date.today()
    return date(today.year - years, max(1, today.month - months), min(today.day, 28))


PERSONAS = {
    "destiny": dict(
        given_name="Destiny",
        family_name="Walker",
        pronouns="she/her",
        date_of_birth=years_ago(15, 3),
        ethnicity="White British",
        first_language="English",
        living_situation=LivingSituation.CHILDRENS_HOME,
        living_details="Children's home in Manchester since she was 14; from Liverpool",
        education_setting="Pupil referral unit",
        legal_status=LegalStatus.LOOKED_AFTER,
        enjoys="Shopping, clothes, music, the youth club",
        contact_preferences="Text first. Not during school. Evenings are best.",
        avatar="music",
    ),
    "lily": dict(
        given_name="Lily",
        family_name="Hughes",
        preferred_name="Lil",
        pronouns="she/her",
        date_of_birth=years_ago(17, 2),
        ethnicity="White British",
        first_language="English",
        living_situation=LivingSituation.SUPPORTED,
        education_setting="Pupil referral unit",
        legal_status=LegalStatus.CARE_LEAVER,
        enjoys="Going out with friends, Snapchat",
        contact_preferences="Snapchat or text. Mornings are no good.",
        avatar="star",
    ),
    "emily": dict(
        given_name="Emily",
        family_name="Clarke",
        pronouns="she/her",
        date_of_birth=years_ago(13, 1),
        ethnicity="White British",
        first_language="English",
        living_situation=LivingSituation.FAMILY,
        living_details="With mum, mum's boyfriend and her younger sister",
        education_setting="Rochdale High School",
        legal_status=LegalStatus.CHILD_IN_NEED,
        enjoys="Chess club, music",
        contact_preferences="Through school, at lunchtime. Not at home.",
        avatar="cat",
    ),
}

# The image Destiny made of herself in her space, and her space's colours (no photo).
DESTINYS_IMAGE = {
    "skin": "light",
    "hair": "long_hair_straight",
    "hair_colour": "blonde_golden",
    "clothes": "hoodie",
    "clothes_colour": "pink",
    "accessories": "default",
    "eyes": "happy",
    "mouth": "twinkle",
    "theme": "pink",
}

# (kind, name, relationship, agency, closeness, view)
NETWORKS = {
    "destiny": [
        (Kind.FAMILY, "Mum", "Mum (contact six times a year)", "", Closeness.DISTANT, View.BOTH),
        (Kind.FAMILY, "Dad", "Dad (contact six times a year)", "", Closeness.DISTANT, View.NOT_SURE),
        (Kind.FRIEND, "Lily", "Best friend", "", Closeness.CLOSE, View.BOTH),
        (Kind.FRIEND, "Older group", "Group of older people she goes out with", "", Closeness.SOME, View.WORRY),
        (Kind.PROFESSIONAL, "Sara Ahmed", "CAMHS practitioner", "CAMHS", Closeness.CLOSE, View.SUPPORT),
        (
            Kind.PROFESSIONAL,
            "Mark Doyle",
            "Drug and alcohol worker",
            "Young people's drug and alcohol service",
            Closeness.SOME,
            View.SUPPORT,
        ),
        (Kind.PROFESSIONAL, "Rachel Green", "Social worker", "Children's social care", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "Ms Patel", "Mentor at school", "Pupil referral unit", Closeness.CLOSE, View.SUPPORT),
        (Kind.PROFESSIONAL, "Jay Morris", "Advocate", "Advocacy service", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "Positive Steps", "Education support", "Positive Steps", Closeness.SOME, View.SUPPORT),
        (
            Kind.PROFESSIONAL,
            "Therapeutic support",
            "Emotional support worker",
            "Therapeutic emotional support service",
            Closeness.SOME,
            View.SUPPORT,
        ),
        (
            Kind.PROFESSIONAL,
            "Crisis team",
            "Sexual health nurse",
            "Crisis intervention team (sexual health)",
            Closeness.DISTANT,
            View.SUPPORT,
        ),
        (Kind.PROFESSIONAL, "MIND", "Drop-in", "MIND", Closeness.DISTANT, View.NOT_SURE),
    ],
    "lily": [
        (Kind.FRIEND, "Destiny", "Closest friend", "", Closeness.CLOSE, View.SUPPORT),
        (
            Kind.FRIEND,
            "Online friends",
            "Friends in their 20s met on Facebook and Snapchat",
            "",
            Closeness.SOME,
            View.WORRY,
        ),
        (
            Kind.PROFESSIONAL,
            "Leaving care team",
            "Personal adviser",
            "Leaving care service",
            Closeness.DISTANT,
            View.NOT_SURE,
        ),
    ],
    "emily": [
        (Kind.FAMILY, "Mum", "Mum", "", Closeness.SOME, View.BOTH),
        (Kind.FAMILY, "Mum's boyfriend", "Lives at home", "", Closeness.DISTANT, View.WORRY),
        (Kind.FAMILY, "Dad", "Dad: she would like to live with him", "", Closeness.SOME, View.SUPPORT),
        (Kind.FAMILY, "Older brother", "Brother, and his girlfriend", "", Closeness.CLOSE, View.SUPPORT),
        (Kind.FAMILY, "Younger sister", "Emily is her young carer", "", Closeness.CLOSE, View.SUPPORT),
        (Kind.PROFESSIONAL, "Mr Evans", "Form teacher", "Rochdale High School", Closeness.CLOSE, View.SUPPORT),
        (Kind.FRIEND, "School buddy", "Buddy at school", "", Closeness.CLOSE, View.SUPPORT),
        (
            Kind.PROFESSIONAL,
            "Young people's drug and alcohol service",
            "Worker",
            "Drug and alcohol service",
            Closeness.CLOSE,
            View.SUPPORT,
        ),
        (Kind.PROFESSIONAL, "Young carers", "Young carers group", "Young carers service", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "LGBT youth forum", "Youth forum", "LGBT youth forum", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "School nurse", "School nurse", "School nursing", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "Early help", "Family worker", "Early help", Closeness.DISTANT, View.NOT_SURE),
    ],
}
