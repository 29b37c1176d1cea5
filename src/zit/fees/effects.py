"""What the fees add to governance, which sits below them and never imports them: the effect of the Rada's
resolution on the year's fees (the rule comes into force), the drafts such a resolution may name, and the
fees' resolution at the demo meeting of the Rada. `FeesConfig.ready` calls `register`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zit.core.models import DecisionReference
from zit.core.roles import Perm
from zit.fees.models import FeeRule
from zit.governance import demo, effects
from zit.governance.models import Resolution, ResolutionKind


def fee_rule_effect(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.fees.rules import fee_rule_adopt

    fee_rule_adopt(actor=actor, rule=resolution.fee_rule, decision=decision)
    return _("Zasady składek na %(y)d r. obowiązują.") % {"y": resolution.fee_rule.year}


def draft_rules() -> QuerySet[FeeRule]:
    return FeeRule.objects.filter(status=FeeRule.Status.DRAFT)


def demo_resolution_fields() -> dict[str, Any]:
    """The demo rule, as a draft, before the demo Rada."""
    from zit.fees.demo import load_fees_demo

    rule = load_fees_demo()
    return {
        "kind": ResolutionKind.FEE_RULE,
        "fee_rule": rule,
        "subject": f"wysokości składek członkowskich na {rule.year} r.",
        "text": (
            f"Ustala się składki członkowskie na {rule.year} r. według zasad stanowiących załącznik do "
            "uchwały.\n\nSkładki płatne są do 31 marca."
        ),
        "justification": "Zasady przykładowe – dane demonstracyjne.",
    }


def demo_after_adoption() -> None:
    from zit.fees.demo import generate_demo_assessments_and_payments

    generate_demo_assessments_and_payments()


def register() -> None:
    effects.register(
        ResolutionKind.FEE_RULE,
        perm=Perm.FEES_MANAGE,
        effect=fee_rule_effect,
        choices={"fee_rule": draft_rules},
    )
    demo.demo_resolution_register(
        demo.DemoResolution(fields=demo_resolution_fields, adopted=demo_after_adoption)
    )
