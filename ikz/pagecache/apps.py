from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagecacheConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.pagecache"
    verbose_name = _("Seiten-Zwischenspeicher")
