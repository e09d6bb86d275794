"""Where a person stands with the Code of Ethics: their latest signature and when it
is due again (DOMAIN §2: signed again every two years)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.certification.jurisdictions import CALIFORNIA
from peerpath.intake.models import EthicsSignature
from peerpath.lib.dates import add_years


@dataclass(frozen=True)
class EthicsStanding:
    signature: EthicsSignature
    signed_on: dt.date
    due_again: dt.date


def _standing(signature: EthicsSignature) -> EthicsStanding:
    signed_on = timezone.localtime(signature.signed_at).date()
    return EthicsStanding(
        signature, signed_on, add_years(signed_on, CALIFORNIA.ethics_resign_years)
    )


def ethics_standing(user: User) -> EthicsStanding | None:
    """The person's latest signature and the date it is due again, or None if unsigned."""
    signature = EthicsSignature.objects.filter(user=user).select_related("document").first()
    return None if signature is None else _standing(signature)


def ethics_standings(user_ids: Iterable[int]) -> dict[int, EthicsStanding]:
    """`ethics_standing` for many people in one query (the unsigned are left out)."""
    standings: dict[int, EthicsStanding] = {}
    for signature in EthicsSignature.objects.filter(user_id__in=list(user_ids)).select_related(
        "document"
    ):  # newest first (the model's ordering): keep each person's first
        if signature.user_id not in standings:
            standings[signature.user_id] = _standing(signature)
    return standings
