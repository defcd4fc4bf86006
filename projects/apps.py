from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Plans and projects")

    def ready(self):
        # The core's dashboard shows what the domain apps contribute; it imports none of them.
        from khuyencong.dashboard import register_panel
        from projects.dashboard import plans_panel, waiting_panel

        register_panel(waiting_panel)
        register_panel(plans_panel)
