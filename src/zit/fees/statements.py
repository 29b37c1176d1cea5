"""Bank statements: importing one books its credits once (a line booked before is skipped), holds back the
lines that look like payments already recorded (`HeldBankLine`) and books them when someone confirms them."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.importing import ImportRejected
from zit.core.roles import Perm, require_unless_system
from zit.fees.bank import BankLine, parse_statement
from zit.fees.lifecycles import HELD_LINE
from zit.fees.matching import MatchContext, book, match_payment
from zit.fees.models import BankStatement, FeePayment, HeldBankLine
from zit.fees.payments import duplicate_key, lifecycle_context, recorded_by_key

MAX_STATEMENT_SIZE = 10 * 1024 * 1024


@transaction.atomic
def statement_import(*, actor: Any, file_name: str, content: bytes, is_demo: bool = False) -> BankStatement:
    """Read a bank statement and book its credits. A line booked before (same bank reference, or the same
    date, amount, account, title and payer) is skipped, so importing a statement twice books nothing twice.
    A line that looks like a payment already recorded, or like an earlier line of the same file (the same
    member, amount, date and title), is held back (`HeldBankLine`) until someone confirms it
    (`statement_held_confirm`). Debits are counted and left out. A file with any unreadable line is rejected whole (ImportRejected)."""
    require_unless_system(actor, Perm.FEES_MANAGE)
    if not content:
        raise ValidationError({"file": _("Plik jest pusty.")})
    if len(content) > MAX_STATEMENT_SIZE:
        raise ValidationError({"file": _("Plik jest większy niż 10 MB; wgraj wyciąg za krótszy okres.")})
    kind, lines = parse_statement(file_name, content)
    statement = BankStatement.objects.create(
        file_name=file_name[:255],
        format=kind,
        sha256=hashlib.sha256(content).hexdigest(),
        lines=len(lines),
        created_by_label=audit.actor_label(actor),
        is_demo=is_demo,
    )
    context = MatchContext.build()
    seen: dict[str, int] = defaultdict(int)
    credits: list[tuple[BankLine, str]] = []
    for line in lines:
        if line.amount <= 0:
            continue
        base = line.dedupe_key()
        occurrence = seen[base]
        seen[base] += 1
        key = (
            base
            if not occurrence
            else base[:2] + hashlib.sha256(f"{base}|{occurrence}".encode()).hexdigest()[:60]
        )
        credits.append((line, key))
    statement.credits = len(credits)
    booked = set(
        FeePayment.objects.filter(dedupe_key__in=[k for _line, k in credits]).values_list(
            "dedupe_key", flat=True
        )
    )
    recorded = recorded_by_key({line.booked_on for line, _key in credits})
    in_file: dict[tuple, int] = {}
    for line, key in credits:
        if key in booked:
            statement.duplicates += 1
            continue
        match = match_payment(
            context,
            title=line.title,
            payer_name=line.payer_name,
            amount=line.amount,
            booked_on=line.booked_on,
        )
        same = duplicate_key(getattr(match.member, "pk", None), line.amount, line.booked_on, line.title)
        if same in recorded or same in in_file:
            HeldBankLine.objects.create(
                statement=statement,
                line_number=line.line_number,
                booked_on=line.booked_on,
                amount=line.amount,
                payer_name=line.payer_name[:300],
                payer_account=line.payer_account[:40],
                title=line.title,
                bank_reference=line.bank_reference[:100],
                dedupe_key=key,
                member=match.member,
                duplicate_of=recorded.get(same),
                duplicate_of_line=None if same in recorded else in_file[same],
            )
            statement.held += 1
            continue
        in_file[same] = line.line_number
        payment = _bank_payment(statement, line, key, is_demo)
        book(context, payment, match)
        payment.save()
        statement.new_payments += 1
        statement.matched += payment.status == FeePayment.Status.MATCHED
    statement.save()
    audit.record(
        actor=actor,
        action="fees.statement_import",
        obj=statement,
        after={
            "file": statement.file_name,
            "format": kind,
            "lines": statement.lines,
            "credits": statement.credits,
            "new_payments": statement.new_payments,
            "duplicates": statement.duplicates,
            "held": statement.held,
            "matched": statement.matched,
        },
    )
    return statement


def _bank_payment(statement: BankStatement, line: Any, key: str, is_demo: bool) -> FeePayment:
    return FeePayment(
        source=FeePayment.Source.BANK,
        statement=statement,
        line_number=line.line_number,
        booked_on=line.booked_on,
        amount=line.amount,
        payer_name=line.payer_name[:300],
        payer_account=line.payer_account[:40],
        title=line.title,
        bank_reference=line.bank_reference[:100],
        dedupe_key=key,
        is_demo=is_demo,
    )


@transaction.atomic
def statement_held_confirm(*, actor: Any, statement: BankStatement, line_ids: list[int]) -> list[FeePayment]:
    """The person checked these held lines and says each is a separate payment: each takes the line's
    "confirm" transition and is booked as the import would have booked it. All or nothing: a line confirmed
    before, or booked meanwhile, refuses the whole choice, with the reason keyed by the line's id."""
    require_unless_system(actor, Perm.FEES_MANAGE)
    statement = BankStatement.objects.select_for_update().get(pk=statement.pk)
    lines = list(
        HeldBankLine.objects.select_for_update()
        .filter(statement=statement, pk__in=line_ids)
        .order_by("line_number", "pk")
    )
    if not lines:
        raise ValidationError(
            _("Zaznacz co najmniej jeden wiersz, który nie jest duplikatem, albo zostaw je niezapisane.")
        )
    check = lifecycle_context(actor)
    errors: dict[str, list[str]] = {}
    for held in lines:
        try:
            HELD_LINE.check(actor, held, "confirm", check)
        except ValidationError as exc:
            errors[str(held.pk)] = exc.messages
    if errors:
        raise ValidationError(errors)
    context = MatchContext.build()
    payments = []
    for held in lines:
        payment = _bank_payment(statement, held, held.dedupe_key, statement.is_demo)
        book(
            context,
            payment,
            match_payment(
                context,
                title=held.title,
                payer_name=held.payer_name,
                amount=held.amount,
                booked_on=held.booked_on,
            ),
        )

        after: dict[str, Any] = {}

        def apply(obj: HeldBankLine, payment: FeePayment = payment, after: dict = after) -> None:
            payment.save()
            obj.payment, obj.confirmed_at = payment, timezone.now()
            obj.confirmed_by_label = audit.actor_label(actor)
            after["payment_id"] = payment.pk

        HELD_LINE.fire(actor=actor, obj=held, name="confirm", apply=apply, after=after)
        statement.new_payments += 1
        statement.matched += payment.status == FeePayment.Status.MATCHED
        payments.append(payment)
    statement.save(update_fields=["new_payments", "matched"])
    audit.record(
        actor=actor,
        action="fees.statement_held_confirm",
        obj=statement,
        after={
            "lines": [h.line_number for h in lines],
            "payments": [p.pk for p in payments],
        },
    )
    return payments


__all__ = ["ImportRejected", "statement_held_confirm", "statement_import"]
