from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What operators need: refusing unusable input, request logs, metrics, backups."""

    name = "guides.ops"
    label = "ops"
    verbose_name = "Operations"
