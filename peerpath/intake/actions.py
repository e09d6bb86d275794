from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.intake.models import EthicsDocument, EthicsSignature

DEMO_ETHICS_FILE = Path(__file__).resolve().parent / "data" / "ethics_summary.json"


@transaction.atomic
def do_sign_code_of_ethics(
    user: User, document: EthicsDocument, typed_name: str, ip_address: str | None
) -> EthicsSignature:
    signature = EthicsSignature.objects.create(
        user=user,
        document=document,
        typed_name=typed_name,
        text_sha256=document.text_hash(),
        ip_address=ip_address or None,
    )
    record_event(user, "ethics.sign", signature, subject=user, version=document.version)
    return signature


def do_publish_demo_ethics_document() -> EthicsDocument:
    """The demo's plain-language summary; programs load their official text in the admin."""
    data = json.loads(DEMO_ETHICS_FILE.read_text(encoding="utf-8"))
    document, _created = EthicsDocument.objects.get_or_create(
        version=data["version"],
        defaults={
            "title": data["title"],
            "title_es": data["title_es"],
            "body": data["body"],
            "body_es": data["body_es"],
            "published_at": timezone.now(),
        },
    )
    return document
