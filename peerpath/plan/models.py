"""A participant's plan: questionnaire answers, confidence check-ins, goals, and
competency assessments.

Everything here belongs to one participant (`participant`), and only the
helpers in `plan/access.py` hand it out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.lib.crypto import EncryptedTextField
from peerpath.plan import rules
from peerpath.plan.checklist import (
    STARTER_GOAL_CODE,
    STARTER_GOAL_TITLE,
    STARTER_GOAL_WHY,
    STARTER_LABELS,
)


class QuestionnaireAnswer(models.Model):
    """One revision of one answer. The newest revision per question is the answer;
    older ones are the person's earlier answers (see `rules.revision_step`)."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_answers"
    )
    question = models.CharField(_("question"), max_length=40)
    value = EncryptedTextField(_("answer"), blank=True)
    version = models.PositiveSmallIntegerField(_("questionnaire version"))
    created_at = models.DateTimeField(_("first saved"), default=timezone.now)
    saved_at = models.DateTimeField(_("last saved"), default=timezone.now)

    class Meta:
        ordering = ["question", "-saved_at", "-id"]
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        indexes = [models.Index(fields=["participant", "question", "-saved_at"])]

    def __str__(self) -> str:
        return f"{self.question} ({self.saved_at:%Y-%m-%d %H:%M})"


class ConfidenceCheckIn(models.Model):
    """How confident the person feels about completing the training, 1 to 10.

    One per day: a second answer on the same day replaces the first.
    """

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="confidence_check_ins"
    )
    score = models.PositiveSmallIntegerField(_("confidence"))
    on = models.DateField(_("date"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on"]
        verbose_name = _("confidence check-in")
        verbose_name_plural = _("confidence check-ins")
        constraints = [
            models.UniqueConstraint(fields=["participant", "on"], name="one_check_in_a_day"),
            models.CheckConstraint(
                condition=models.Q(
                    score__gte=rules.CONFIDENCE_MIN, score__lte=rules.CONFIDENCE_MAX
                ),
                name="confidence_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.score}"


class ObjectiveStatus(models.TextChoices):
    NOT_STARTED = rules.NOT_STARTED, _("Not started")
    IN_PROGRESS = rules.IN_PROGRESS, _("In progress")
    DONE = rules.DONE, _("Done")
    DROPPED = rules.DROPPED, _("Dropped")


class Goal(models.Model):
    """A goal the participant wrote, or the starter checklist (`code` set)."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    code = models.SlugField(_("code"), max_length=40, blank=True)
    title = models.CharField(_("goal"), max_length=200, blank=True)
    why = models.TextField(_("why it matters to me"), blank=True)
    set_aside = models.BooleanField(_("set aside"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["set_aside", "created_at", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "code"],
                condition=~models.Q(code=""),
                name="one_coded_goal_each",
            )
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def is_starter(self) -> bool:
        return self.code == STARTER_GOAL_CODE

    @property
    def label(self) -> str:
        return str(STARTER_GOAL_TITLE) if self.is_starter else self.title

    @property
    def starter_why(self) -> str:
        return str(STARTER_GOAL_WHY) if self.is_starter else ""


class Objective(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    code = models.SlugField(_("code"), max_length=40, blank=True)
    text = models.CharField(_("objective"), max_length=300, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ObjectiveStatus.choices,
        default=ObjectiveStatus.NOT_STARTED,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "code"], condition=~models.Q(code=""), name="one_coded_objective"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(STARTER_LABELS.get(self.code, self.text)) if self.code else self.text

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_STATUSES


class GoalComment(models.Model):
    """Feedback on a goal from staff, or the participant's reply. Always visible to the
    participant: there are no staff-only comments on a plan."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = EncryptedTextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on a goal")
        verbose_name_plural = _("comments on goals")

    def __str__(self) -> str:
        return f"{self.goal_id} {self.created_at:%Y-%m-%d}"


class GoalChange(models.Model):
    """Who changed what on a goal or one of its objectives, and when.

    `changes` maps a field name to [old, new] as stored values (codes, ISO
    dates); `plan.history` turns them into sentences.
    """

    class Action(models.TextChoices):
        CREATE_GOAL = "goal.create", _("added the goal")
        UPDATE_GOAL = "goal.update", _("changed the goal")
        SET_ASIDE = "goal.set_aside", _("set the goal aside")
        RESTORE = "goal.restore", _("brought the goal back")
        CREATE_OBJECTIVE = "objective.create", _("added an objective")
        UPDATE_OBJECTIVE = "objective.update", _("changed an objective")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="changes")
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change to a goal")
        verbose_name_plural = _("changes to goals")

    def __str__(self) -> str:
        return f"{self.action} {self.created_at:%Y-%m-%d %H:%M}"


class Perspective(models.TextChoices):
    SELF = "self", _("Self-assessment")
    STAFF = "staff", _("Staff view")


class Rating(models.IntegerChoices):
    NOT_YET = 1, _("Not yet")
    LEARNING = 2, _("Learning")
    CONFIDENT = 3, _("Confident")
    COULD_TEACH = 4, _("Could teach others")


class CompetencyAssessment(models.Model):
    """One dated pass over the SAMHSA peer worker competencies.

    A participant rates themselves (`SELF`); a staff member may add their own
    view of the participant (`STAFF`), which stays a separate assessment owned
    by its author. A draft has no `completed_at`; completed ones are kept as
    they were.
    """

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competency_assessments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(_("written by"), max_length=200, blank=True)
    perspective = models.CharField(_("whose view"), max_length=8, choices=Perspective.choices)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "author", "perspective"],
                condition=models.Q(completed_at__isnull=True),
                name="one_assessment_draft_each",
            )
        ]

    def __str__(self) -> str:
        return f"{self.perspective} {self.created_at:%Y-%m-%d}"

    @property
    def is_draft(self) -> bool:
        return self.completed_at is None


class CompetencyRating(models.Model):
    """One item's rating. Items are named by category code and number rather than by
    a key to `CompetencyItem`, because loading a newer reference file replaces
    the item rows; code and number stay the same."""

    assessment = models.ForeignKey(
        CompetencyAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    category = models.CharField(_("category"), max_length=40)
    item = models.PositiveSmallIntegerField(_("item"))
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)

    class Meta:
        ordering = ["category", "item"]
        verbose_name = _("competency rating")
        verbose_name_plural = _("competency ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "category", "item"], name="one_rating_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=4), name="rating_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}.{self.item}: {self.rating}"
