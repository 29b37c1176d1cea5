from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "zit.governance"
    label = "governance"
    verbose_name = "Organy i uchwały"
