from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.governance"
    verbose_name = _("Organe und Generalversammlung")

    def ready(self) -> None:
        from ikz.governance import sources

        sources.register()
