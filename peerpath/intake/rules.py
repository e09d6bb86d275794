"""Who can join the program, and who can apply for California certification.

Both checks are pure: they take an `Applicant` (plain values, with the date of
the check inside it) and return every unmet rule, in a fixed order, each with
an explanation and a next step. Nothing here touches the database.

The texts are lazy translations, so this module imports without configured
settings; they are only turned into strings when a page or a test renders them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from peerpath.lib.dates import age_on

if TYPE_CHECKING:
    from django.utils.functional import Promise

    Text: TypeAlias = str | Promise

LivedExperience = Literal["consumer", "family"]

PROGRAM_RULE_CODES = (
    "lived_experience",
    "age",
    "diploma",
    "internet_and_computer",
    "willing_to_share",
    "training_commitment",
    "certification_commitment",
    "code_of_ethics",
)

CERTIFICATION_RULE_CODES = (
    "age",
    "diploma",
    "lived_experience",
    "willing_to_share",
    "code_of_ethics",
    "training_not_completed",
    "exam_not_passed",
)

# Unmet, but not a reason to stop: every applicant does these after applying.
STEPS_AHEAD_CODES = frozenset({"training_not_completed", "exam_not_passed"})

CERTIFICATION_MINIMUM_AGE = 18


@dataclass(frozen=True)
class AgeBand:
    """Ages a program accepts, inclusive: 18–24 means the 18th birthday has been
    reached and the 25th has not."""

    minimum: int = 18
    maximum: int = 24

    def __post_init__(self) -> None:
        if not 0 <= self.minimum <= self.maximum:
            raise ValueError(f"invalid age band {self.minimum}–{self.maximum}")


DEFAULT_AGE_BAND = AgeBand()


@dataclass(frozen=True)
class Applicant:
    """Answers given on a given day.

    `completed_training` and `passed_exam` matter only for certification;
    `None` means the person has not said, which counts as not done yet.
    """

    today: dt.date
    birth_date: dt.date
    lived_experience: LivedExperience | None
    diploma: bool
    internet_access: bool
    computer_skills: bool
    willing_to_share: bool
    commits_to_training: bool
    commits_to_certification: bool
    agrees_to_code_of_ethics: bool
    completed_training: bool | None = None
    passed_exam: bool | None = None

    def __post_init__(self) -> None:
        if self.birth_date > self.today:
            raise ValueError("birth_date is after today")

    @property
    def age(self) -> int:
        return age_on(self.birth_date, self.today)


@dataclass(frozen=True)
class UnmetRule:
    code: str
    explanation: Text
    next_step: Text


@dataclass(frozen=True)
class EligibilityResult:
    eligible: bool
    unmet: tuple[UnmetRule, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.unmet)


@dataclass(frozen=True)
class CertificationResult:
    """`eligible` means nothing at all is missing. `can_start_now` means the
    only missing items are the training and the exam, which come after the
    application: the page can say "you can start now; these come later"."""

    eligible: bool
    can_start_now: bool
    unmet: tuple[UnmetRule, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.unmet)

    @property
    def blocking(self) -> tuple[UnmetRule, ...]:
        return tuple(rule for rule in self.unmet if rule.code not in STEPS_AHEAD_CODES)

    @property
    def steps_ahead(self) -> tuple[UnmetRule, ...]:
        return tuple(rule for rule in self.unmet if rule.code in STEPS_AHEAD_CODES)


# Texts shared by both checks. Written for the person reading them: say what
# the rule is for, never what is "wrong" with them, and always offer a way on.

LIVED_EXPERIENCE_NEXT_STEP = _(
    "Lived experience is yours to describe: if this does fit your story, you can change "
    "your answer. If it does not, there are other rewarding roles in community mental "
    "health and wellness that you can learn about."
)
DIPLOMA_NEXT_STEP = _(
    "You can earn an equivalent through free or low-cost classes at an adult education "
    "school, or by passing the GED or HiSET exam. A program coordinator can point you "
    "to options near you."
)
WILLING_TO_SHARE_NEXT_STEP = _(
    "You always decide what you share and how much. If you would like to talk it "
    "through first, a program coordinator can explain what sharing your story looks "
    "like in this work."
)

PROGRAM_TEXTS: dict[str, tuple[Text, Text]] = {
    "lived_experience": (
        _(
            "This program is for people with lived experience of recovery from a mental "
            "health or substance use challenge, either their own or as a parent, "
            "caregiver or family member of someone who has used services."
        ),
        LIVED_EXPERIENCE_NEXT_STEP,
    ),
    "diploma": (
        _(
            "The program asks for a high school diploma or an equivalent, such as a GED "
            "or HiSET certificate or a higher degree."
        ),
        DIPLOMA_NEXT_STEP,
    ),
    "internet_and_computer": (
        _(
            "The training happens live online, so you need an internet connection and to "
            "feel able to use a computer or laptop."
        ),
        _(
            "Ask the program whether it can lend you a laptop or a hotspot, or use a "
            "computer at your public library, where staff can often help with the basics."
        ),
    ),
    "willing_to_share": (
        _(
            "Peer support draws on your own story, so the program asks that you be "
            "willing to share your lived experience and stay dedicated to your recovery."
        ),
        WILLING_TO_SHARE_NEXT_STEP,
    ),
    "training_commitment": (
        _(
            "The program includes an 80-hour live online training, and taking part in "
            "all of it is part of the commitment."
        ),
        _(
            "Check the training dates against your schedule. If something is in the way, "
            "talk with a program coordinator about it; a later group may suit you better."
        ),
    ),
    "certification_commitment": (
        _(
            "The program prepares you for Medi-Cal Peer Support Specialist certification, "
            "so it asks you to make completing that certification your goal."
        ),
        _(
            "A program coordinator can walk you through the certification steps and "
            "costs, so you can decide whether it is the right goal for you now."
        ),
    ),
    "code_of_ethics": (
        _(
            "Everyone in the program agrees in writing to follow the Code of Ethics for "
            "peer support specialists."
        ),
        _(
            "Read the Code of Ethics and sign it. It has to be agreed to in writing before "
            "your application can be submitted."
        ),
    ),
}

CERTIFICATION_TEXTS: dict[str, tuple[Text, Text]] = {
    "diploma": (
        _(
            "Certification requires a high school diploma or an equivalent, such as a GED "
            "or HiSET certificate or a higher degree."
        ),
        DIPLOMA_NEXT_STEP,
    ),
    "lived_experience": (
        _(
            "Certification is for people with lived experience of recovery from a mental "
            "health or substance use challenge, either their own or as a parent, "
            "caregiver or family member of someone who has used services."
        ),
        LIVED_EXPERIENCE_NEXT_STEP,
    ),
    "willing_to_share": (
        _(
            "Certified peer support specialists are willing to share their lived "
            "experience and are dedicated to their recovery."
        ),
        WILLING_TO_SHARE_NEXT_STEP,
    ),
    "code_of_ethics": (
        _(
            "Certification requires agreeing in writing to the Code of Ethics, and "
            "signing it again every two years."
        ),
        _(
            "Read the Code of Ethics and sign it. It has to be agreed to in writing before "
            "your certification application can be submitted."
        ),
    ),
    "training_not_completed": (
        _(
            "Certification needs an 80-hour core training from a CalMHSA-approved "
            "training provider."
        ),
        _(
            "This comes later, and you can start your application before it. When you are "
            "ready, enroll with an approved provider and keep your completion "
            "certificate: it is valid for two years."
        ),
    ),
    "exam_not_passed": (
        _("The last step before certification is passing the state certification exam."),
        _(
            "This comes later. Once your training certificate has been reviewed, CalMHSA "
            "sends you what you need to schedule the exam, and you can take it up to "
            "three times while your application approval is valid."
        ),
    ),
}


def _come_back_at(minimum: int) -> Text:
    return format_lazy(
        _(
            "You are welcome to come back when you turn {minimum}. Until then, you can "
            "explore what peer support specialists do and how people train for the role."
        ),
        minimum=minimum,
    )


def _too_young_for_program(band: AgeBand) -> UnmetRule:
    explanation = format_lazy(
        _(
            "This program is for young adults aged {minimum} to {maximum}, and you have "
            "not turned {minimum} yet."
        ),
        minimum=band.minimum,
        maximum=band.maximum,
    )
    return UnmetRule("age", explanation, _come_back_at(band.minimum))


def _too_old_for_program(band: AgeBand) -> UnmetRule:
    explanation = format_lazy(
        _(
            "This program is for young adults aged {minimum} to {maximum}. Peer support "
            "work itself has no upper age limit."
        ),
        minimum=band.minimum,
        maximum=band.maximum,
    )
    next_step = _(
        "You can still become certified directly: take an approved 80-hour core "
        "training and apply to CalMHSA, the state's certifying body."
    )
    return UnmetRule("age", explanation, next_step)


def _too_young_for_certification(minimum: int) -> UnmetRule:
    explanation = format_lazy(
        _("Certification is open to people who are {minimum} or older."), minimum=minimum
    )
    return UnmetRule("age", explanation, _come_back_at(minimum))


def _unmet(texts: dict[str, tuple[Text, Text]], code: str) -> UnmetRule:
    explanation, next_step = texts[code]
    return UnmetRule(code, explanation, next_step)


def program_eligibility(
    applicant: Applicant, band: AgeBand = DEFAULT_AGE_BAND
) -> EligibilityResult:
    """Check the program rules (DOMAIN §1) on `applicant.today`."""
    unmet: list[UnmetRule] = []
    if applicant.lived_experience is None:
        unmet.append(_unmet(PROGRAM_TEXTS, "lived_experience"))
    age = applicant.age
    if age < band.minimum:
        unmet.append(_too_young_for_program(band))
    elif age > band.maximum:
        unmet.append(_too_old_for_program(band))
    if not applicant.diploma:
        unmet.append(_unmet(PROGRAM_TEXTS, "diploma"))
    if not (applicant.internet_access and applicant.computer_skills):
        unmet.append(_unmet(PROGRAM_TEXTS, "internet_and_computer"))
    if not applicant.willing_to_share:
        unmet.append(_unmet(PROGRAM_TEXTS, "willing_to_share"))
    if not applicant.commits_to_training:
        unmet.append(_unmet(PROGRAM_TEXTS, "training_commitment"))
    if not applicant.commits_to_certification:
        unmet.append(_unmet(PROGRAM_TEXTS, "certification_commitment"))
    if not applicant.agrees_to_code_of_ethics:
        unmet.append(_unmet(PROGRAM_TEXTS, "code_of_ethics"))
    return EligibilityResult(eligible=not unmet, unmet=tuple(unmet))


def certification_eligibility(
    applicant: Applicant, minimum_age: int = CERTIFICATION_MINIMUM_AGE
) -> CertificationResult:
    """Check California's certification requirements (DOMAIN §2).

    There is no upper age limit. The program's commitments and the internet
    rule do not apply here.
    """
    unmet: list[UnmetRule] = []
    if applicant.age < minimum_age:
        unmet.append(_too_young_for_certification(minimum_age))
    if not applicant.diploma:
        unmet.append(_unmet(CERTIFICATION_TEXTS, "diploma"))
    if applicant.lived_experience is None:
        unmet.append(_unmet(CERTIFICATION_TEXTS, "lived_experience"))
    if not applicant.willing_to_share:
        unmet.append(_unmet(CERTIFICATION_TEXTS, "willing_to_share"))
    if not applicant.agrees_to_code_of_ethics:
        unmet.append(_unmet(CERTIFICATION_TEXTS, "code_of_ethics"))
    if applicant.completed_training is not True:
        unmet.append(_unmet(CERTIFICATION_TEXTS, "training_not_completed"))
    if applicant.passed_exam is not True:
        unmet.append(_unmet(CERTIFICATION_TEXTS, "exam_not_passed"))
    return CertificationResult(
        eligible=not unmet,
        can_start_now=all(rule.code in STEPS_AHEAD_CODES for rule in unmet),
        unmet=tuple(unmet),
    )
