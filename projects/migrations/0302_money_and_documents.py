"""Budget lines, support caps and documents move from funding to projects (a đề án's money
and documents are written only by projects; funding holds the carrying out and points at them).

State only: the tables keep their names (funding_budgetline, funding_historicalbudgetline,
funding_supportcap, funding_historicalsupportcap, funding_attachment) and their rows. The content
types move with the models, so the admin, the history and the permissions find them.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = [
    "attachment",
    "budgetline",
    "historicalbudgetline",
    "historicalsupportcap",
    "supportcap",
]


def _move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        # A database migrated from scratch has no content type yet (they are created after
        # the migrations), and one already under the target app is left as it is.
        if not types.filter(app_label=target, model=model).exists():
            types.filter(app_label=source, model=model).update(app_label=target)


def to_projects(apps, schema_editor):
    _move_content_types(apps, schema_editor, "funding", "projects")


def to_funding(apps, schema_editor):
    _move_content_types(apps, schema_editor, "projects", "funding")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("funding", "0400_implementation"),
        ("khuyencong", "0003_load_communes"),
        ("projects", "0301_review"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Attachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('description', 'Description (thuyết minh)'), ('estimate', 'Cost estimate (dự toán)'), ('approval', 'Approval decision'), ('contract', 'Contract'), ('minutes', 'Acceptance minutes'), ('close_out', 'Close-out (thanh lý)'), ('settlement', 'Settlement (quyết toán)'), ('photo', 'Photo'), ('other', 'Other')], max_length=12, verbose_name='kind')),
                        ('file', models.FileField(upload_to='attachments/', verbose_name='file')),
                        ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('size', models.PositiveBigIntegerField(default=0, verbose_name='size (bytes)')),
                        ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='attachments', to='projects.plan')),
                        ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='attachments', to='projects.project')),
                        ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'attachment',
                        'verbose_name_plural': 'attachments',
                        'db_table': 'funding_attachment',
                        'ordering': ['uploaded_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalBudgetLine',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('source', models.CharField(choices=[('kcqg', 'National budget (KCQG)'), ('kcdp', 'Local budget (KCĐP)'), ('counterpart', 'Counterpart'), ('other', 'Other sources')], max_length=12, verbose_name='source')),
                        ('proposed', models.PositiveBigIntegerField(verbose_name='proposed (đồng)')),
                        ('approved', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='approved (đồng)')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.project')),
                    ],
                    options={
                        'verbose_name': 'historical budget line',
                        'verbose_name_plural': 'historical budget lines',
                        'db_table': 'funding_historicalbudgetline',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSupportCap',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('program', models.CharField(choices=[('kcqg', 'National (KCQG)'), ('kcdp', 'Local (KCĐP)')], max_length=4, verbose_name='program')),
                        ('per', models.CharField(choices=[('project', 'per project'), ('beneficiary', 'per establishment')], max_length=12, verbose_name='applies')),
                        ('percent', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='share of the cost (%)')),
                        ('ceiling', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='ceiling (đồng)')),
                        ('valid_from', models.DateField(blank=True, null=True, verbose_name='valid from')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='valid until')),
                        ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='legal basis')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('content', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.content', verbose_name='content')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('province', models.ForeignKey(blank=True, db_constraint=False, help_text='Blank for a national cap.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='khuyencong.province', verbose_name='province')),
                    ],
                    options={
                        'verbose_name': 'historical support cap',
                        'verbose_name_plural': 'historical support caps',
                        'db_table': 'funding_historicalsupportcap',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='BudgetLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('kcqg', 'National budget (KCQG)'), ('kcdp', 'Local budget (KCĐP)'), ('counterpart', 'Counterpart'), ('other', 'Other sources')], max_length=12, verbose_name='source')),
                        ('proposed', models.PositiveBigIntegerField(verbose_name='proposed (đồng)')),
                        ('approved', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='approved (đồng)')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget_lines', to='projects.project')),
                    ],
                    options={
                        'verbose_name': 'budget line',
                        'verbose_name_plural': 'budget lines',
                        'db_table': 'funding_budgetline',
                        'ordering': ['project', 'source'],
                        'constraints': [models.UniqueConstraint(fields=('project', 'source'), name='budget_line_once_per_source')],
                    },
                ),
                migrations.CreateModel(
                    name='SupportCap',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('program', models.CharField(choices=[('kcqg', 'National (KCQG)'), ('kcdp', 'Local (KCĐP)')], max_length=4, verbose_name='program')),
                        ('per', models.CharField(choices=[('project', 'per project'), ('beneficiary', 'per establishment')], max_length=12, verbose_name='applies')),
                        ('percent', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='share of the cost (%)')),
                        ('ceiling', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='ceiling (đồng)')),
                        ('valid_from', models.DateField(blank=True, null=True, verbose_name='valid from')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='valid until')),
                        ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='legal basis')),
                        ('content', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='caps', to='projects.content', verbose_name='content')),
                        ('province', models.ForeignKey(blank=True, help_text='Blank for a national cap.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='khuyencong.province', verbose_name='province')),
                    ],
                    options={
                        'verbose_name': 'support cap',
                        'verbose_name_plural': 'support caps',
                        'db_table': 'funding_supportcap',
                        'ordering': ['program', 'content__sort_order', 'province'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('percent__isnull', False), ('ceiling__isnull', False), _connector='OR'), name='support_cap_has_a_limit')],
                    },
                ),
            ],
        ),
        migrations.RunPython(to_projects, to_funding),
    ]
