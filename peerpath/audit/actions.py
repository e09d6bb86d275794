from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from peerpath.audit.middleware import current_request_id
from peerpath.audit.models import AuditEvent


def _event(
    actor_user: Any, action: str, obj: models.Model | None, subject: Any, detail: dict[str, Any]
) -> AuditEvent:
    organization_id = getattr(actor_user, "organization_id", None)
    if organization_id is None and subject is not None and getattr(subject, "program", None):
        organization_id = subject.program.organization_id
    return AuditEvent(
        actor=actor_user,
        actor_label=actor_user.email if actor_user else "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        subject=subject,
        organization_id=organization_id,
        request_id=current_request_id(),
        detail=detail,
    )


def record_event(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    subject: Any = None,
    **detail: Any,
) -> AuditEvent:
    """Append one audit event.

    `actor` is the user who acted (or None for the system), `obj` what they
    acted on, `subject` the participant the event is about when there is one.
    `detail` must hold identifiers and codes only, never the sensitive values
    themselves.
    """
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    event = _event(actor_user, action, obj, subject, detail)
    event.save()
    return event


def record_events(
    actor: Any, action: str, objects: Iterable[models.Model], *, subject_of: str | None
) -> list[AuditEvent]:
    """Append one event per object in a single query (a page showing many records).

    `subject_of` names the attribute of each object that holds the participant;
    None when the objects are the participants themselves.
    """
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.bulk_create(
        _event(actor_user, action, obj, getattr(obj, subject_of) if subject_of else obj, {})
        for obj in objects
    )


def record_reads(
    actor: Any, action: str, model: type[models.Model], pks: Iterable[Any], person_path: str
) -> list[AuditEvent]:
    """Append one event per object of `model`, about the person each one belongs to.

    `person_path` is the lookup from the object to the person ("participant",
    "training__participant"; "" when the objects are the people). Two queries
    whatever the number of objects: one to find the people, one to write.
    """
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    person = person_path or model._meta.pk.name
    program = f"{person_path}__program" if person_path else "program"
    rows = model._default_manager.filter(pk__in=list(pks)).values_list(
        "pk", person, f"{program}__organization_id"
    )
    actor_organization = getattr(actor_user, "organization_id", None)
    request_id = current_request_id()
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor_user,
            actor_label=actor_user.email if actor_user else "system",
            action=action,
            object_type=model._meta.label_lower,
            object_id=str(pk),
            subject_id=person_id,
            organization_id=actor_organization or organization_id,
            request_id=request_id,
        )
        for pk, person_id, organization_id in rows
    )
