from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_open_timesheet_per_period"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Placement", new_name="WorkPlacement"),
    ]
