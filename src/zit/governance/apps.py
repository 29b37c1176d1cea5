from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "zit.governance"
    label = "governance"
    verbose_name = _("Organy i uchwały")

    def ready(self) -> None:
        # the list of strategic projects is approved only through this register (projects cannot import it)
        from zit.governance import list_register
        from zit.projects.hooks import ListRegister, set_list_register

        set_list_register(
            ListRegister(
                problem=list_register.list_resolution_problem,
                approvals=list_register.list_approvals,
                demo_approve=list_register.demo_list_approve,
            )
        )
