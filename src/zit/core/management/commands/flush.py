"""Django's `flush`, able to empty the audit log: the database refuses to delete audit events
(zit.core.audit_guard), so this command opens the wipe gate for exactly the statements that empty the tables.
Emptying the whole database is what `flush` is for (tests, a staging reset); nothing else deletes events."""

from django.core.management.commands import flush
from django.db import connections

from zit.core import audit_guard


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        ops = connection.ops
        original = ops.execute_sql_flush

        def execute_sql_flush(sql_list):
            if (
                connection.vendor == "sqlite"
                and "zit_audit_gate" not in connection.introspection.table_names()
            ):
                return original(sql_list)  # not migrated yet: no guard to pass
            with audit_guard.wipe_gate(options["database"]):
                return original(sql_list)

        ops.execute_sql_flush = execute_sql_flush
        try:
            return super().handle(**options)
        finally:
            del ops.execute_sql_flush
