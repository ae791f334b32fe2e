from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.projects"
    verbose_name = _("IKZ-Projekte")

    def ready(self) -> None:
        from ikz.projects import sources

        sources.register()
