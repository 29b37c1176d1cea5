"""Core 0010 adds the check of a signature to the signed documents: a scan uploaded before it is "not
applicable"; a signed file uploaded before it stays unchecked (an empty result), since nobody checked it then.
The way back drops the new columns and keeps the documents."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0009_retire_weekly_warnings_digest")]
AFTER = [("core", "0010_signature_check")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_documents_get_a_result_only_when_they_are_scans_and_survive_the_way_back():
    old = _migrate(BEFORE)
    Signed = old.get_model("core", "SignedDocument")
    type_id = ContentType.objects.get(app_label="core", model="job").pk
    common = {"content_type_id": type_id, "read_perm": "core.jobs_view", "write_perm": "core.jobs_run"}
    scan = Signed.objects.create(
        object_id=1, kind="a", title="Skan", signature_kind="scan", locked=True, **common
    )
    pdf = Signed.objects.create(
        object_id=2, kind="a", title="PDF", signature_kind="pdf_signature", locked=True, **common
    )
    draft = Signed.objects.create(object_id=3, kind="a", title="Projekt", **common)

    new = _migrate(AFTER)
    Signed = new.get_model("core", "SignedDocument")
    assert Signed.objects.get(pk=scan.pk).check_result == "not_applicable"
    assert Signed.objects.get(pk=pdf.pk).check_result == ""
    assert Signed.objects.get(pk=draft.pk).check_result == ""
    assert new.get_model("core", "TrustAnchor").objects.count() == 0

    back = _migrate(BEFORE)
    Signed = back.get_model("core", "SignedDocument")
    assert sorted(Signed.objects.values_list("title", flat=True)) == ["PDF", "Projekt", "Skan"]
    _migrate(AFTER)
