from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ikz.audit"
    verbose_name = "Verlauf"
