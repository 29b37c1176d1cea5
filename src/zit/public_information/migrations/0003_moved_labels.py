"""The stored strings that named governance for the requests now name this app: content types (and with them
the auth permissions), the audit log's model labels and actions, the reminder's job kind and the permission
code. The pairs are frozen here: later renames in the code do not change this history."""

from django.db import migrations

from zit.core.model_moves import Move, backward, forward

MOVED = {
    # audit actions
    "governance.information_request_register": "public_information.request_register",
    "governance.information_request_assign": "public_information.request_assign",
    "governance.information_request_answered": "public_information.request_answered",
    "governance.information_request_extended": "public_information.request_extended",
    "governance.information_request_fee_notified": "public_information.request_fee_notified",
    "governance.information_request_refused": "public_information.request_refused",
    "governance.information_request_discontinued": "public_information.request_discontinued",
    "governance.information_request_letter": "public_information.request_letter",
    # the permission code (core.roles.Perm.INFORMATION_REQUESTS)
    "governance.information_requests": "public_information.requests",
    # the daily reminder's job kind
    "governance.information_requests_reminder": "public_information.requests_reminder",
}

MOVE = Move(
    old_app="governance",
    new_app="public_information",
    models=("informationrequest", "requestaction"),
    strings=MOVED,
)


class Migration(migrations.Migration):

    dependencies = [
        ('public_information', '0002_tables'),
        ('governance', '0006_public_information_moved'),
        ('core', '0007_audit_relabel'),
    ]

    operations = [migrations.RunPython(forward(MOVE), backward(MOVE))]
