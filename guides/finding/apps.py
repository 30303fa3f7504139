from django.apps import AppConfig


class FindingConfig(AppConfig):
    name = "guides.finding"
    label = "finding"
    verbose_name = "Finding occupations"
