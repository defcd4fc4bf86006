from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        # The earlier apps show what funding adds through their registries; they import none
        # of it.
        from funding.dashboard import implementation_panel
        from funding.sections import implementation_section, plan_implementation_section
        from funding.services import is_settled
        from khuyencong.dashboard import register_panel
        from projects import workflow
        from projects.sections import register_plan_section, register_project_section

        register_panel(implementation_panel)
        register_project_section(implementation_section)
        register_plan_section(plan_implementation_section)
        # Whether a đề án is settled, for the workflow's "not settled" guard.
        workflow.register_fact(workflow.PROJECT, "settled", is_settled)
