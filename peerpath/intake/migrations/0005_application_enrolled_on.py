from django.db import migrations, models
from django.utils import timezone


def backfill_enrolled_on(apps, schema_editor):
    """The enrolment date of existing applications: the enrol decision's audit
    event when there is one (it survives a later withdrawal), else the decision
    date of an application that is still enrolled."""
    Application = apps.get_model("intake", "Application")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    enrolled_at = {}
    events = AuditEvent.objects.filter(
        action="application.enrol", object_type="intake.application"
    ).values_list("object_id", "created_at")
    for object_id, created_at in events.iterator():
        enrolled_at.setdefault(object_id, created_at)
    changed = []
    for application in Application.objects.filter(enrolled_on__isnull=True).iterator():
        moment = enrolled_at.get(str(application.pk))
        if moment is None and application.status == "enrolled":
            moment = application.decided_at
        if moment is not None:
            application.enrolled_on = timezone.localdate(moment)
            changed.append(application)
    Application.objects.bulk_update(changed, ["enrolled_on"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0004_readiness_record"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="enrolled_on",
            field=models.DateField(blank=True, null=True, verbose_name="enrolled on"),
        ),
        migrations.RunPython(backfill_enrolled_on, migrations.RunPython.noop),
    ]
