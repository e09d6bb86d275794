from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0001_initial"),
        ("catalog", "0002_job_title_description_training_website"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Placement", new_name="JobPlacement"),
        migrations.RenameIndex(
            model_name="jobplacement",
            new_name="careers_job_partici_5fbf4a_idx",
            old_name="careers_pla_partici_7c57f1_idx",
        ),
    ]
