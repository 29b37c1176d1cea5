"""The lifecycles of members' fees, declared through `zit.core.lifecycle`: the year's rule (a draft until a
resolution adopts it, superseded by a later one), each member's assessment (current until regenerated), each
payment (waiting for review, booked to a member, or not a fee) and each bank line held back as a possible
duplicate. `fees.rules` and `fees.payments` fire them."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_amount
from zit.core.lifecycle import Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.fees.models import FeeAssessment, FeePayment, FeeRule, HeldBankLine

# the office, who keeps the fees (the board and the audit committee only read them)
FEES_OFFICE = Role("office", _("biuro Stowarzyszenia (składki)"), Perm.FEES_MANAGE)


# --- the year's rule

R = FeeRule.Status


def members_to_assess(rule: FeeRule, context: Context) -> str | None:
    """Zasady muszą obejmować co najmniej jednego członka."""
    from zit.fees.rules import assessed_members

    if not assessed_members(rule):
        return _("W tym roku nie ma członków, od których nalicza się składki.")
    return None


def population_known(rule: FeeRule, context: Context) -> str | None:
    """Każdy członek, od którego liczy się składkę od mieszkańca, musi mieć liczbę mieszkańców."""
    from zit.fees.rules import compute_all

    missing = [c for c in compute_all(rule) if c.error]
    if missing:
        return _("Nie naliczono składek. Brak liczby mieszkańców dla: %(m)s. Wpisz ją ze źródłem.") % {
            "m": ", ".join(c.member.name for c in missing)
        }
    return None


def _rule_url(rule: FeeRule, name: str) -> str:
    return reverse(
        {"edit": "fees:rule_edit", "adopt": "fees:rule_adopt", "generate": "fees:rule_generate"}[name],
        args=[rule.pk],
    )


RULE = register(
    Lifecycle(
        key="fees.rule",
        label=_("Zasady składek członkowskich"),
        model="fees.FeeRule",
        states=FeeRule.Status,
        field="status",
        initial=R.DRAFT,
        final=frozenset({R.SUPERSEDED}),
        url=_rule_url,
        description=_(
            "Projekt zasad na rok przyjmuje Rada uchwałą; według przyjętych zasad biuro nalicza składki. "
            "Zasady przyjęte później na ten sam rok zastępują wcześniejsze."
        ),
        transitions=(
            Transition(
                "edit",
                (R.DRAFT,),
                R.DRAFT,
                _("Popraw projekt"),
                (FEES_OFFICE,),
                form=True,
                audit_action="fees.rule_update",
            ),
            Transition(
                "adopt",
                (R.DRAFT,),
                R.ADOPTED,
                _("Wpisz uchwałę przyjętą poza platformą"),
                (FEES_OFFICE,),
                form=True,
                help=_(
                    "Projekt przyjmuje Rada uchwałą. Gdy uchwała zostanie podjęta na platformie, zasady przyjmą "
                    "się same; uchwałę przyjętą poza platformą wpisz tym przyciskiem."
                ),
                audit_action="fees.rule_adopt",
            ),
            Transition(
                "generate",
                (R.ADOPTED,),
                R.ADOPTED,
                _("Nalicz składki"),
                (FEES_OFFICE,),
                guards=(members_to_assess, population_known),
                confirm=_(
                    "Naliczyć składki? Obecne naliczenia tego roku zostaną zastąpione; poprzednie zostają "
                    "w historii członka."
                ),
                audit_action="fees.assessments_generate",
            ),
            Transition(
                "supersede",
                (R.ADOPTED,),
                R.SUPERSEDED,
                _("Zastąp zasadami przyjętymi później"),
                (FEES_OFFICE,),
                automatic=True,  # fired when a later rule of the same year is adopted
                audit_action="fees.rule_supersede",
            ),
        ),
    )
)


# --- a member's assessment

A = FeeAssessment.Status

ASSESSMENT = register(
    Lifecycle(
        key="fees.assessment",
        label=_("Naliczenie składki członka"),
        model="fees.FeeAssessment",
        states=FeeAssessment.Status,
        field="status",
        initial=A.CURRENT,
        final=frozenset({A.SUPERSEDED}),
        description=_(
            "Obowiązuje, dopóki biuro nie naliczy składek roku ponownie; zastąpione zostaje w historii."
        ),
        transitions=(
            Transition(
                "supersede",
                (A.CURRENT,),
                A.SUPERSEDED,
                _("Zastąp nowym naliczeniem"),
                (FEES_OFFICE,),
                automatic=True,  # fired by `fees.assessments_generate`
                audit_action="fees.assessment_supersede",
            ),
        ),
    )
)


# --- a payment

P = FeePayment.Status


def booked_to_member(payment: FeePayment, context: Context) -> str | None:
    """Wpłata zaksięgowana na członka: po zmianie jego saldo wzrośnie o jej kwotę."""
    if payment.status == P.MATCHED and payment.member_id:
        return _(
            "Ta wpłata jest zaksięgowana na: %(m)s, %(y)s r. Po zmianie zaległość członka wzrośnie o %(a)s."
        ) % {"m": payment.member, "y": payment.year, "a": format_amount(payment.amount)}
    return None


def _payment_url(payment: FeePayment, name: str) -> str:
    if name == "assign":
        return reverse("fees:payment_assign", args=[payment.pk])
    return reverse("fees:payment_transition", args=[payment.pk, name])


PAYMENT = register(
    Lifecycle(
        key="fees.payment",
        label=_("Wpłata"),
        model="fees.FeePayment",
        states=FeePayment.Status,
        field="status",
        initial=P.UNMATCHED,
        url=_payment_url,
        description=_(
            "Wpłata z wyciągu lub wpisana ręcznie jest dopasowywana do członka i roku; czego nie dopasowano, "
            "biuro przypisuje ręcznie albo oznacza, że nie jest składką."
        ),
        transitions=(
            Transition(
                "match",
                (P.UNMATCHED,),
                P.MATCHED,
                _("Dopasuj ponownie"),
                (FEES_OFFICE,),
                automatic=True,  # fired by `fees.payments.payments_rematch`
                audit_action="fees.payment_match",
            ),
            Transition(
                "assign",
                (P.UNMATCHED, P.MATCHED, P.NOT_FEE),
                P.MATCHED,
                _("Przypisz do członka i roku"),
                (FEES_OFFICE,),
                form=True,
                audit_action="fees.payment_assign",
            ),
            Transition(
                "not_fee",
                (P.UNMATCHED, P.MATCHED),
                P.NOT_FEE,
                _("To nie jest składka"),
                (FEES_OFFICE,),
                warnings=(booked_to_member,),
                reason_required=True,
                reason_prompt=_("Napisz, czym jest ta wpłata (np. zwrot kosztów, pomyłka banku)."),
                help=_("W polu „Powód” napisz, czym jest ta wpłata (np. zwrot kosztów, pomyłka banku)."),
                audit_action="fees.payment_not_fee",
            ),
        ),
    )
)


# --- a bank line held back as a possible duplicate

H = HeldBankLine.State


def not_booked_meanwhile(line: HeldBankLine, context: Context) -> str | None:
    """Operacja z wiersza nie może być już zaksięgowana (np. z innego wyciągu)."""
    booked = FeePayment.objects.filter(dedupe_key=line.dedupe_key)
    if line.payment_id:
        booked = booked.filter(~Q(pk=line.payment_id))
    if booked.exists():
        return _("Wiersz %(n)d: ta operacja jest już zaksięgowana (np. z innego wyciągu).") % {
            "n": line.line_number
        }
    return None


HELD_LINE = register(
    Lifecycle(
        key="fees.held_line",
        label=_("Możliwy duplikat z wyciągu"),
        model="fees.HeldBankLine",
        states=HeldBankLine.State,
        derive=lambda line: H.BOOKED if line.payment_id else H.HELD,
        initial=H.HELD,
        final=frozenset({H.BOOKED}),
        description=_(
            "Wiersz wyciągu podobny do wpłaty już zapisanej albo do innego wiersza pliku czeka, aż ktoś "
            "potwierdzi, że to osobna wpłata; wtedy zostaje zapisany jako wpłata."
        ),
        transitions=(
            Transition(
                "confirm",
                (H.HELD,),
                H.BOOKED,
                _("To nie jest duplikat — zapisz mimo to"),
                (FEES_OFFICE,),
                guards=(not_booked_meanwhile,),
                audit_action="fees.held_line_confirm",
            ),
        ),
    )
)
