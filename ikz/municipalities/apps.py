from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "ikz.municipalities"
    verbose_name = "Kommunen und Regionen"
