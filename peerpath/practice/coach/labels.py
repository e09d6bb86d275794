"""Label vocabulary shared by the rules, the model and the data files."""

from __future__ import annotations

PRACTITIONER = "practitioner"
CLIENT = "client"
SPEAKERS = (PRACTITIONER, CLIENT)

PRACTITIONER_LABELS = (
    "open_question",
    "closed_question",
    "reflection",
    "affirmation",
    "summary",
    "advice",
    "other",
)
REFLECTION_SUBTYPES = ("simple", "complex")

CLIENT_LABELS = ("change", "sustain", "neutral")
CHANGE_SUBTYPES = ("desire", "ability", "reason", "need", "commitment")

# The label that carries a subtype, per speaker.
SUBTYPED_LABEL = {PRACTITIONER: "reflection", CLIENT: "change"}
SUBTYPES = {PRACTITIONER: REFLECTION_SUBTYPES, CLIENT: CHANGE_SUBTYPES}
LABELS = {PRACTITIONER: PRACTITIONER_LABELS, CLIENT: CLIENT_LABELS}
