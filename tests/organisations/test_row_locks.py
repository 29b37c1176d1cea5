"""PostgreSQL only: an update takes a row lock, so two people saving the same organisation cannot
overwrite each other's changes unseen."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from zit.organisations.models import Organisation
from zit.organisations.services import organisation_update

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_update_waits_for_a_row_lock_held_by_another_session(association_data, user_for_role):
    staff = user_for_role("office_staff")
    org = Organisation.objects.get(name="Gmina Kramsk")
    outcome = {}

    def second_session():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '300ms'")
                organisation_update(actor=staff, organisation=org, city="Kramsk")
            outcome["result"] = "saved"
        except OperationalError as exc:
            outcome["result"] = "blocked" if "lock timeout" in str(exc) else str(exc)
        finally:
            connections.close_all()

    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=org.pk)  # first session holds the row
        worker = threading.Thread(target=second_session)
        worker.start()
        worker.join(timeout=10)
    assert outcome["result"] == "blocked"

    worker = threading.Thread(target=second_session)  # once released, the same update goes through
    worker.start()
    worker.join(timeout=10)
    assert outcome["result"] == "saved"
    org.refresh_from_db()
    assert org.city == "Kramsk"
