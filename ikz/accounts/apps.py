from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ikz.accounts"
    verbose_name = "Personen und Rollen"
