from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.api"
    verbose_name = _("Programmierschnittstelle (API)")

    def ready(self) -> None:
        from ikz.api import core
        from ikz.pagecache.registry import register_gate

        # a stored API answer (the page cache, decision 205) is counted for the rate limit too
        register_gate("api-v1", core.count_stored_read)
