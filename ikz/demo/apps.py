from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ikz.demo"
    verbose_name = "Demodaten"
