"""The starter checklist: seed 002's six "Goals for Completing the Training".

Every participant's plan begins with one goal holding these six steps as
objectives. Rows store the codes only; labels come from here in the
language of whoever is reading, so a participant who switches language
sees their checklist in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    Text: TypeAlias = str | Promise

STARTER_GOAL_CODE = "completing-training"
STARTER_GOAL_TITLE: Text = _("Complete the training")
STARTER_GOAL_WHY: Text = _(
    "Six steps that help everyone finish the training. Add target dates that suit you "
    "and mark each one as you go."
)

STARTER_ITEMS: tuple[tuple[str, Text], ...] = (
    ("identify-goals", _("Identify my goals and objectives")),
    ("assess-needs", _("Work out what I need from the training")),
    ("communicate", _("Keep in touch with my program coordinator or peer support advocate")),
    ("schedule", _("Make a schedule for the training")),
    ("track-progress", _("Keep track of my progress")),
    ("plan-ahead", _("Plan ahead")),
)
STARTER_LABELS: dict[str, Text] = dict(STARTER_ITEMS)
STARTER_COUNT = len(STARTER_ITEMS)
