from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "zit.projects"
    label = "projects"
    verbose_name = _("Projekty")

    def ready(self) -> None:
        # the list of strategic projects is the strategy's annex: its versions on the strategy version's page
        from zit.projects.lists import strategy_version_panel
        from zit.strategy.hooks import VersionPanel, add_version_panel

        add_version_panel(
            "projects.list", VersionPanel("projects/strategy_version_lists.html", strategy_version_panel)
        )
        # the IZ's calendar on the card's page: individual calls, open calls, the IZ's assessment
        from zit.projects import hooks
        from zit.projects.views_schedule import card_panel

        hooks.add_card_panel(
            "projects.iz_calendar", hooks.CardPanel("projects/_iz_calendar.html", card_panel)
        )
