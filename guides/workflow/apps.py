from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "guides.workflow"
    label = "workflow"
    verbose_name = "Editorial workflow"
