import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def copy_signature_dates(apps, schema_editor):
    """Each case's Code of Ethics date becomes the latest signature's date. A date typed
    without any signature is kept, and staff see it flagged on the record."""
    Case = apps.get_model("certification", "CertificationCase")
    Signature = apps.get_model("intake", "EthicsSignature")
    latest: dict[int, dt.datetime] = {}
    for user_id, signed_at in Signature.objects.order_by("signed_at").values_list(
        "user_id", "signed_at"
    ):
        latest[user_id] = signed_at
    for case in Case.objects.filter(participant_id__in=list(latest)):
        signed_on = timezone.localtime(latest[case.participant_id]).date()
        if case.ethics_signed_on != signed_on:
            case.ethics_signed_on = signed_on
            case.save(update_fields=["ethics_signed_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0003_jurisdiction_rules"),
        ("intake", "0004_readiness_record"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificationcase",
            name="ethics_signed_on",
            field=models.DateField(
                blank=True,
                help_text="Set from the latest Code of Ethics signature.",
                null=True,
                verbose_name="Code of Ethics signed",
            ),
        ),
        migrations.RunPython(copy_signature_dates, migrations.RunPython.noop),
    ]
