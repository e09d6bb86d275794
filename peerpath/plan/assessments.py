"""Reading competency assessments: the SAMHSA categories and per-category averages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Avg, Prefetch

from peerpath.catalog.models import Competency, CompetencyItem, Framework
from peerpath.plan import rules
from peerpath.plan.models import CompetencyAssessment, CompetencyRating, Perspective


def samhsa_categories() -> list[Competency]:
    """The twelve categories with their items (two queries)."""
    return list(
        Competency.objects.filter(framework=Framework.SAMHSA)
        .order_by("order", "code")
        .prefetch_related(Prefetch("items", queryset=CompetencyItem.objects.order_by("number")))
    )


def item_numbers(categories: Iterable[Competency]) -> dict[str, list[int]]:
    return {c.code: [item.number for item in c.items.all()] for c in categories}


def averages(assessment_ids: Iterable[int]) -> dict[int, dict[str, float]]:
    """{assessment id: {category code: mean rating}} in one query."""
    ids = list(assessment_ids)
    result: dict[int, dict[str, float]] = {pk: {} for pk in ids}
    if not ids:
        return result
    rows = (
        CompetencyRating.objects.filter(assessment_id__in=ids)
        .values("assessment_id", "category")
        .annotate(mean=Avg("rating"))
    )
    for row in rows:
        result[row["assessment_id"]][row["category"]] = float(row["mean"])
    return result


def ratings_of(assessment: CompetencyAssessment) -> dict[tuple[str, int], int]:
    return {
        (r.category, r.item): r.rating
        for r in CompetencyRating.objects.filter(assessment=assessment)
    }


def unrated(assessment: CompetencyAssessment, categories: list[Competency]) -> dict[str, int]:
    rated = CompetencyRating.objects.filter(assessment=assessment).values_list("category", "item")
    return rules.unrated_by_category(item_numbers(categories), rated)


@dataclass
class Row:
    category: Competency
    first: float | None
    latest: float | None
    change: float | None


@dataclass
class StaffView:
    assessment: CompetencyAssessment
    rows: list[tuple[Competency, float | None]] = field(default_factory=list)


@dataclass
class Overview:
    completed_self: list[CompetencyAssessment]
    first: CompetencyAssessment | None
    latest: CompetencyAssessment | None
    rows: list[Row]
    staff_views: list[StaffView]
    drafts: list[CompetencyAssessment]


def overview(assessments: Iterable[CompetencyAssessment], categories: list[Competency]) -> Overview:
    """First vs latest self-assessment per category, and the latest staff view per author."""
    assessments = list(assessments)
    done = sorted((a for a in assessments if a.completed_at), key=lambda a: (a.completed_at, a.pk))
    completed_self = [a for a in done if a.perspective == Perspective.SELF]
    first = completed_self[0] if completed_self else None
    latest = completed_self[-1] if len(completed_self) > 1 else None
    latest_by_author: dict[object, CompetencyAssessment] = {}
    for a in done:
        if a.perspective == Perspective.STAFF:
            latest_by_author[a.author_id or a.author_label] = a
    staff = sorted(latest_by_author.values(), key=lambda a: (a.completed_at, a.pk), reverse=True)
    ids = [a.pk for a in (first, latest, *staff) if a is not None]
    means = averages(ids)
    codes = [c.code for c in categories]
    comparison = rules.compare_categories(
        codes, means.get(first.pk, {}) if first else {}, means.get(latest.pk, {}) if latest else {}
    )
    rows = [
        Row(category, c.first, c.latest, c.change)
        for category, c in zip(categories, comparison, strict=True)
    ]
    staff_views = [StaffView(a, [(c, means[a.pk].get(c.code)) for c in categories]) for a in staff]
    drafts = [a for a in assessments if a.is_draft]
    return Overview(completed_self, first, latest, rows, staff_views, drafts)
