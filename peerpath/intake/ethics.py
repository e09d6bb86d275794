"""Where a person stands with the Code of Ethics: their latest signature and when it
is due again (DOMAIN §2: signed again every two years)."""

from __future__ import annotations

import datetime as dt
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


def ethics_standing(user: User) -> EthicsStanding | None:
    """The person's latest signature and the date it is due again, or None if unsigned."""
    signature = EthicsSignature.objects.filter(user=user).select_related("document").first()
    if signature is None:
        return None
    signed_on = timezone.localtime(signature.signed_at).date()
    return EthicsStanding(
        signature, signed_on, add_years(signed_on, CALIFORNIA.ethics_resign_years)
    )
