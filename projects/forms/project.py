"""The đề án's own fields (the first part of the đề án form)."""

import datetime
from collections import defaultdict

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from khuyencong.fields import MonthField, ObjectChoiceField
from khuyencong.forms import StyledFormMixin
from projects.activities import ActivityRule
from projects.models import Content, Project

# A đề án of the year-Y plan runs within Y and may run on into the next year.
YEARS_AFTER_PLAN = 1


class ProjectForm(StyledFormMixin, forms.ModelForm):
    # Declared fields do not take the model's labels: __init__ copies them over.
    content = ObjectChoiceField()
    activity = ObjectChoiceField(required=False)
    implementing_organisation = ObjectChoiceField()
    commune = ObjectChoiceField(required=False)
    start_month = MonthField()
    end_month = MonthField()
    # The version the user's form was built from; see projects.services.project_save.
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Project
        fields = [
            "title",
            "program",
            "content",
            "activity",
            "is_pilot",
            "implementing_organisation",
            "commune",
            "start_month",
            "end_month",
            "objectives",
            "scale",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scale": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args, plan, contents, organisations, communes, activities, activity_rule, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.activity_rule = activity_rule
        for name in (
            "content",
            "activity",
            "implementing_organisation",
            "commune",
            "start_month",
            "end_month",
        ):
            self.fields[name].label = capfirst(Project._meta.get_field(name).verbose_name)
        self.fields["content"].set_objects(contents, content_choices(contents))
        self.fields["content"].widget.option_data = {
            str(c.pk): {"data-group": c.group_id} for c in contents
        }
        self._set_up_activity(activities, activity_rule)
        self.fields["implementing_organisation"].set_objects(organisations)
        self.fields["commune"].set_objects(communes)
        self.fields["lock_version"].required = self.instance.pk is not None
        if self.instance.pk is not None:
            self.initial.setdefault("lock_version", self.instance.lock_version)
        first = datetime.date(plan.year, 1, 1)
        last = datetime.date(plan.year + YEARS_AFTER_PLAN, 12, 1)
        self.month_range = (first, last)
        range_text = _("From %(first)s to %(last)s.") % {
            "first": first.strftime("%m/%Y"),
            "last": last.strftime("%m/%Y"),
        }
        for name in ("start_month", "end_month"):
            self.fields[name].help_text = range_text

    def _set_up_activity(self, activities, rule: ActivityRule) -> None:
        """All the lines as options, each naming the contents it belongs to and those it is the
        default of (static/js/project_form.js shows only the chosen content's lines and picks
        its default); the initial choice is the stored one, else the content's default."""
        field = self.fields["activity"]
        field.set_objects(activities, empty_label=_("— the content's default line —"))
        field.help_text = _(
            "The line of the funding report (form 2) this project is counted under, among its "
            "content's lines. Left empty: the content's default line."
        )
        contents_of, default_of = defaultdict(list), defaultdict(list)
        for content_id, ids in rule.allowed.items():
            for activity_id in ids:
                contents_of[activity_id].append(content_id)
        for content_id, activity_id in rule.defaults.items():
            default_of[activity_id].append(content_id)
        field.widget.option_data = {
            str(a.pk): {
                "data-contents": " ".join(map(str, sorted(contents_of[a.pk]))),
                "data-default-for": " ".join(map(str, sorted(default_of[a.pk]))),
            }
            for a in activities
        }
        field.widget.attrs["data-activity"] = ""
        if self.initial.get("activity") is None and self.instance.content_id is not None:
            self.initial["activity"] = rule.defaults.get(self.instance.content_id)

    def clean(self):
        cleaned = super().clean()
        content, activity = cleaned.get("content"), cleaned.get("activity")
        if (
            content is not None
            and activity is not None
            and not self.activity_rule.belongs(content.pk, activity.pk)
        ):
            self.add_error(
                "activity",
                forms.ValidationError(
                    _(
                        "The activity “%(activity)s” is not one of the content %(content)s's "
                        "lines: choose one of its lines, or leave it empty for its default."
                    ),
                    code="activity_of_other_content",
                    params={"activity": activity, "content": content.code},
                ),
            )
        first, last = self.month_range
        for name in ("start_month", "end_month"):
            month = cleaned.get(name)
            if month and not first <= month <= last:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("A project of the %(year)s plan runs between %(first)s and %(last)s."),
                        code="out_of_range",
                        params={
                            "year": self.plan.year,
                            "first": first.strftime("%m/%Y"),
                            "last": last.strftime("%m/%Y"),
                        },
                    ),
                )
        start, end = cleaned.get("start_month"), cleaned.get("end_month")
        if start and end and end < start:
            self.add_error(
                "end_month",
                forms.ValidationError(
                    _("The end month cannot be before the start month."), code="end_before_start"
                ),
            )
        return cleaned


def content_choices(contents: list[Content]) -> list:
    """Top-level contents as options; a group with sub-contents as an optgroup holding the group
    itself and its sub-contents."""
    children = defaultdict(list)
    present = {c.pk for c in contents}
    for c in contents:
        if c.parent_id in present:
            children[c.parent_id].append(c)
    choices = []
    for c in contents:
        if c.parent_id in present:
            continue
        if children[c.pk]:
            choices.append((str(c), [(c.pk, str(c))] + [(k.pk, str(k)) for k in children[c.pk]]))
        else:
            choices.append((c.pk, str(c)))
    return choices
