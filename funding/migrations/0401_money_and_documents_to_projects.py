"""Budget lines, support caps and documents now belong to projects (projects 0302 takes them
over): funding forgets them and its acceptance minutes point at projects.Attachment.

State only: the tables and the foreign key of the minutes stay as they are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("funding", "0400_implementation"),
        ("projects", "0302_money_and_documents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="acceptance",
                    name="minutes",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="projects.attachment",
                        verbose_name="minutes file",
                    ),
                ),
                migrations.DeleteModel(name="Attachment"),
                migrations.DeleteModel(name="BudgetLine"),
                migrations.DeleteModel(name="HistoricalBudgetLine"),
                migrations.DeleteModel(name="HistoricalSupportCap"),
                migrations.DeleteModel(name="SupportCap"),
            ],
        ),
    ]
