"""The stored strings that named the fees as part of governance: content types (and with them the auth
permissions), the audit log's model labels and actions, and the permission codes signed documents may carry.
Frozen here: the pairs as they were when the fees moved."""

from django.db import migrations

from zit.core.model_moves import Move, backward, forward

ACTIONS = {
    "governance.fee_rule_create": "fees.rule_create",
    "governance.fee_rule_update": "fees.rule_update",
    "governance.fee_rule_adopt": "fees.rule_adopt",
    "governance.fee_rule_supersede": "fees.rule_supersede",
    "governance.fee_assessments_generate": "fees.assessments_generate",
    "governance.fee_assessment_supersede": "fees.assessment_supersede",
    "governance.fee_payment_add": "fees.payment_add",
    "governance.fee_payment_match": "fees.payment_match",
    "governance.fee_payment_assign": "fees.payment_assign",
    "governance.fee_payment_not_fee": "fees.payment_not_fee",
    "governance.fee_payments_rematch": "fees.payments_rematch",
    "governance.fee_statement_import": "fees.statement_import",
    "governance.fee_statement_held_confirm": "fees.statement_held_confirm",
    "governance.fee_held_line_confirm": "fees.held_line_confirm",
    "governance.fee_reminders_send": "fees.reminders_send",
}
PERMISSIONS = {
    "governance.fees_view": "fees.view",
    "governance.fees_manage": "fees.manage",
}

MOVE = Move(
    old_app="governance",
    new_app="fees",
    models=(
        "bankstatement",
        "feeassessment",
        "feepayment",
        "feereminder",
        "feerule",
        "feerulekindrate",
        "heldbankline",
    ),
    strings={**ACTIONS, **PERMISSIONS},
)


class Migration(migrations.Migration):

    dependencies = [
        ("fees", "0002_tables"),
        ("core", "0007_audit_relabel"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forward(MOVE), backward(MOVE))]
