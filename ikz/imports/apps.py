from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "ikz.imports"
    label = "imports"
    verbose_name = _("Importe")

    def ready(self) -> None:
        # Every app's import kinds live in ikz/<app>/imports.py and register themselves.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("imports")
