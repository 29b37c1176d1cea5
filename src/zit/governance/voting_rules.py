"""The statute's majorities per body and kind of resolution, kept by the office."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.association.models import Body
from zit.core import audit
from zit.core.roles import Perm, require_unless_system
from zit.governance.models import Majority, MajorityBase, VotingRule


@transaction.atomic
def voting_rule_save(
    *,
    actor: Any,
    body: Body,
    kind: str,
    majority: str,
    base: str = MajorityBase.CAST,
    qualified_fraction: Decimal | None = None,
    note: str = "",
    rule: VotingRule | None = None,
) -> VotingRule:
    require_unless_system(actor, Perm.BODIES_EDIT)
    errors = {}
    if majority == Majority.QUALIFIED:
        if qualified_fraction is None:
            errors["qualified_fraction"] = _("Podaj próg większości kwalifikowanej, np. 0,6667 dla 2/3.")
        elif not Decimal("0.5") < qualified_fraction <= 1:
            errors["qualified_fraction"] = _("Próg musi być większy niż 0,5 i nie większy niż 1.")
    elif qualified_fraction is not None:
        errors["qualified_fraction"] = _("Próg podaje się tylko dla większości kwalifikowanej.")
    duplicate = VotingRule.objects.filter(body=body, kind=kind).exclude(pk=getattr(rule, "pk", None))
    if duplicate.exists():
        errors["kind"] = _("Ten organ ma już zasadę dla uchwał w tej sprawie: popraw ją.")
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(rule) if rule else None
    rule = rule or VotingRule()
    rule.body, rule.kind, rule.majority, rule.base = body, kind, majority, base
    rule.qualified_fraction, rule.note = qualified_fraction, note.strip()
    rule.full_clean()
    rule.save()
    audit.record(
        actor=actor,
        action="governance.voting_rule_update" if before else "governance.voting_rule_create",
        obj=rule,
        before=before,
        after=audit.snapshot(rule),
    )
    return rule


@transaction.atomic
def voting_rule_delete(*, actor: Any, rule: VotingRule) -> None:
    require_unless_system(actor, Perm.BODIES_EDIT)
    audit.record(actor=actor, action="governance.voting_rule_delete", obj=rule, before=audit.snapshot(rule))
    rule.delete()
