"""The rules of the list of strategic projects as the strategy's annex: approval only by the register's adopted
resolution carrying the version or another body's act with its document, and an annex update's procedure
(significance, the consultation counted as the strategy's, the Rada after its end). Guards of `lifecycles.LIST`."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_date
from zit.core.lifecycle import Context
from zit.core.models import DecisionReference
from zit.projects.models import ListVersion


def approved_by_register_or_act(version: ListVersion, context: Context) -> str | None:
    """Listę zatwierdza podjęta uchwała z rejestru, która ją niesie, albo akt innego organu z dokumentem."""
    if (
        "decision" not in context.data
    ):  # the page's button: the decision is chosen in the register or the form
        return None
    decision = context.data["decision"]
    if decision is None:
        return _(
            "Listę zatwierdza uchwała Rady z rejestru uchwał (albo akt innego organu z jego dokumentem); "
            "bez uchwały nie można jej zatwierdzić."
        )
    if decision.issuer_kind == DecisionReference.IssuerKind.ASSOCIATION_BODY:
        from zit.projects.hooks import list_register

        register = list_register()
        if register is None:
            return _("Rejestr uchwał jest niedostępny: listy nie można teraz zatwierdzić.")
        return register.problem(version, decision)
    if not (decision.number and decision.date):
        return _("Podaj numer i datę aktu, który zatwierdza listę.")
    if not decision.document:
        return _("Dołącz dokument aktu (np. uchwały Zarządu Województwa): sam numer nie wystarczy.")
    return None


def annex_procedure_done(version: ListVersion, context: Context) -> str | None:
    """Zmiana załącznika oceniona (istotna lub nie); istotna skonsultowana przed uchwałą (art. 6 ust. 3 u.z.p.p.r.).

    Konsultacje trwają co najmniej 35 dni od ogłoszenia i kończą się przed dniem uchwały."""
    problem = annex_not_ready_for_council(version)
    if problem or not version.is_annex_update or not version.change_significant:
        return problem
    ends = version.consultation_ends_on
    day = context.data.get("decision_date") or context.today
    if day <= ends:
        return _("Konsultacje trwają do %(d)s: Rada zatwierdza listę po ich zakończeniu.") % {
            "d": format_date(ends)
        }
    return None


def annex_not_ready_for_council(version: ListVersion) -> str | None:
    """What keeps an annex update from going to the Rada: the change not yet marked significant or not, or a
    significant change without its consultation's dates, or a consultation shorter than the act allows."""
    if not version.is_annex_update:
        return None
    if version.change_significant is None:
        return _("Zaznacz, czy zmiana listy jest istotna: istotna wymaga konsultacji przed uchwałą Rady.")
    if not version.change_significant:
        return None
    notice, ends = version.consultation_notice_on, version.consultation_ends_on
    if notice is None or ends is None:
        return _(
            "Zmiana jest istotna: wpisz daty konsultacji (ogłoszenie i koniec), zanim lista trafi do Rady."
        )
    return consultation_too_short(notice, ends)


def consultation_too_short(notice: dt.date, ends: dt.date) -> str | None:
    """Art. 6 ust. 3 u.z.p.p.r., counted as the strategy's consultation is (`strategy.procedure_rules`): 35 days
    from the notice, its day not counted, a last day on a Saturday or holiday moved to the next working day."""
    from zit.strategy.procedure_rules import consultation_too_short as strategy_rule

    if ends < notice:
        return _("Konsultacje nie mogą skończyć się przed ich ogłoszeniem.")
    return strategy_rule(notice, ends)
