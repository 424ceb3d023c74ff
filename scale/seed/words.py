"""Realistic words, made once: pools of names and sentences drawn by Faker (seeded, so every run makes the
same data) and then picked from at random, because calling Faker for each of 500,000 rows is slow."""

import random
from dataclasses import dataclass, field

from faker import Faker

SEED = 20_261_203
POOL = 400


@dataclass
class Words:
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    given_names: list[str] = field(default_factory=list)
    family_names: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)

    @classmethod
    def make(cls) -> "Words":
        fake = Faker("en_GB")
        fake.seed_instance(SEED)
        return cls(
            given_names=[fake.first_name() for _ in range(POOL)],
            family_names=[fake.last_name() for _ in range(POOL)],
            sentences=[fake.sentence(nb_words=9)[:190] for _ in range(POOL)],
            paragraphs=[fake.paragraph(nb_sentences=4) for _ in range(POOL)],
            places=[fake.city() for _ in range(POOL // 4)],
            schools=[f"{fake.city()} High School" for _ in range(POOL // 4)],
        )

    def pick(self, pool: list[str]) -> str:
        return pool[self.rng.randrange(len(pool))]

    def name(self) -> tuple[str, str]:
        return self.pick(self.given_names), self.pick(self.family_names)

    def sentence(self) -> str:
        return self.pick(self.sentences)

    def paragraph(self) -> str:
        return self.pick(self.paragraphs)
