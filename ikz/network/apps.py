from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.network"
    verbose_name = _("Wiederverwendungsnetz")

    def ready(self) -> None:
        from ikz.network import sources

        sources.register()
