"""What names the moved models in stored data follows them: content types (and their permissions), audit
events' model labels and actions, and the background jobs' kinds (`zit.core.model_moves`)."""

from django.db import migrations

from zit.core.model_moves import Move, backward, forward

# frozen here: the names as they were stored and as they are now
STRINGS = {
    # audit actions
    "projects.amendment_add": "contracts.amendment_add",
    "projects.contract_close": "contracts.contract_close",
    "projects.contract_settle": "contracts.contract_settle",
    "projects.contract_sign": "contracts.contract_sign",
    "projects.contract_terminate": "contracts.contract_terminate",
    "projects.contract_update": "contracts.contract_update",
    "projects.correction_add": "contracts.correction_add",
    "projects.correction_recovered": "contracts.correction_recovered",
    "projects.difference_confirm": "contracts.difference_confirm",
    "projects.difference_correct": "contracts.difference_correct",
    "projects.difference_recheck": "contracts.difference_recheck",
    "projects.durability_check": "contracts.durability_check",
    "projects.durability_statement": "contracts.durability_statement",
    "projects.iz_source_create": "contracts.iz_source_create",
    "projects.iz_source_mapping": "contracts.iz_source_mapping",
    "projects.reconciliation_compare": "contracts.reconciliation_compare",
    "projects.reconciliation_upload": "contracts.reconciliation_upload",
    "projects.report_accept": "contracts.report_accept",
    "projects.report_attach": "contracts.report_attach",
    "projects.report_create": "contracts.report_create",
    "projects.report_return": "contracts.report_return",
    "projects.report_submit": "contracts.report_submit",
    "projects.report_update": "contracts.report_update",
    # an audit action and a job kind
    "projects.published_import": "contracts.published_import",
    # job kinds
    "projects.contracts_close": "contracts.close",
}

MOVE = Move(
    old_app="projects",
    new_app="contracts",
    models=(
        "amendment",
        "amountrecord",
        "contract",
        "contractindicator",
        "contractline",
        "contractmilestone",
        "correction",
        "difference",
        "durabilitycheck",
        "durabilitystatement",
        "izsource",
        "progressreport",
        "publishedimport",
        "publishedproject",
        "reconciliation",
        "reportattachment",
        "reportexpenditure",
        "reportindicator",
        "reportmilestone",
    ),
    strings=STRINGS,
)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0002_tables"),
        ("core", "0007_audit_relabel"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forward(MOVE), backward(MOVE))]
