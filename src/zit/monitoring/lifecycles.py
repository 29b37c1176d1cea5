"""The annual report's lifecycle: prepared in the background (ready, or failed with the reason on its job),
then accepted by the Rada's resolution. Services and the job fire it; the reports page reads its flags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zit.core.lifecycle import SYSTEM, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.monitoring.models import AnnualReport

S = AnnualReport.Status

OFFICE = Role("office", _("biuro Stowarzyszenia"), Perm.PROJECTS_MANAGE)

ANNUAL_REPORT = register(
    Lifecycle(
        key="monitoring.annual_report",
        label=_("Sprawozdanie roczne"),
        model="monitoring.AnnualReport",
        states=AnnualReport.Status,
        initial=S.QUEUED,
        field="status",
        final=frozenset({S.FAILED, S.APPROVED}),
        description=_(
            "Zadanie w tle zamraża dane i tworzy PDF oraz DOCX; gotowe sprawozdanie przyjmuje Rada uchwałą. "
            "„Wygeneruj ponownie” tworzy nowe sprawozdanie z tych samych zamrożonych danych."
        ),
        transitions=(
            Transition(
                "finish",
                (S.QUEUED,),
                S.READY,
                _("Dokumenty gotowe"),
                (SYSTEM,),
                automatic=True,
                audit_action="monitoring.annual_report_ready",
            ),
            Transition(
                "fail",
                (S.QUEUED,),
                S.FAILED,
                _("Dokumenty nie powstały"),
                (SYSTEM,),
                automatic=True,
                audit_action="monitoring.annual_report_fail",
            ),
            Transition(
                "approve",
                (S.READY,),
                S.APPROVED,
                _("Przyjęte uchwałą"),
                (OFFICE,),
                automatic=True,  # fired by the Rada's resolution (governance.effects)
                audit_action="monitoring.annual_report_approve",
            ),
        ),
    )
)
