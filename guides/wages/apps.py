from django.apps import AppConfig


class WagesConfig(AppConfig):
    name = "guides.wages"
    label = "wages"
    verbose_name = "BLS wage data (OEWS)"
