"""The đề án form, by part: the đề án's own fields (project), the row sets of budget lines,
establishments and outputs (rows), the whole page that validates them together (editor), and the
forms of the review (review: decisions, comments, approved amounts, the form reused for an
adjustment's proposed state)."""

from projects.forms.editor import ProjectEditor
from projects.forms.project import ProjectForm, content_choices
from projects.forms.rows import (
    MAX_BUDGET_LINES,
    MAX_OUTPUTS,
    MAX_PARTICIPANTS,
    BudgetLineForm,
    BudgetLineFormSet,
    OutputForm,
    OutputFormSet,
    ParticipationForm,
    ParticipationFormSet,
)

__all__ = [
    "MAX_BUDGET_LINES",
    "MAX_OUTPUTS",
    "MAX_PARTICIPANTS",
    "BudgetLineForm",
    "BudgetLineFormSet",
    "OutputForm",
    "OutputFormSet",
    "ParticipationForm",
    "ParticipationFormSet",
    "ProjectEditor",
    "ProjectForm",
    "content_choices",
]
