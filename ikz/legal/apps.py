from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.legal"
    verbose_name = _("Rechtliche Angaben")

    def ready(self) -> None:
        from ikz.legal import sources

        sources.register()
