"""The register of processing activities: seeded entries, changes as versions with audit, permissions, exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.models import AuditEvent
from zit.core.personal_data import rules
from zit.privacy import services
from zit.privacy.models import ProcessingActivity

pytestmark = pytest.mark.django_db

SEEDED = {
    "informacja-publiczna",
    "konsultacje-strategii",
    "zgloszenia-pes",
    "konta-uzytkownikow",
    "oceniajacy",
    "czlonkowie-i-skladki",
    "subskrypcje",
    "bip",
}


def test_the_platforms_activities_are_in_the_register_and_every_rule_belongs_to_one():
    entries = {a.key: a for a in ProcessingActivity.objects.all()}
    assert set(entries) >= SEEDED
    assert all(a.legal_basis.startswith("Art. 6 ust. 1") for a in entries.values())
    assert all(a.versions.filter(number=1).exists() for a in entries.values())
    named = {key for a in entries.values() for key in a.erasure_rules}
    assert named == set(rules()), "each erasure rule is shown in the register entry it belongs to"
    # what is not confirmed says so
    assert (
        entries["informacja-publiczna"].to_verify
        and "do weryfikacji" in entries["oceniajacy"].verification_note
    )


def test_a_change_is_a_new_version_with_its_audit_event(office_admin):
    activity = ProcessingActivity.objects.get(key="subskrypcje")
    services.activity_update(
        actor=office_admin,
        activity=activity,
        fields={"recipients": "Dostawca poczty e-mail (podmiot przetwarzający)."},
        note="Nowy dostawca poczty.",
    )
    activity.refresh_from_db()
    assert activity.version == 2 and activity.recipients.startswith("Dostawca poczty")
    second = activity.versions.get(number=2)
    assert second.note == "Nowy dostawca poczty." and second.content["recipients"] == activity.recipients
    assert activity.versions.get(number=1).content["recipients"] != activity.recipients
    event = AuditEvent.objects.get(action="privacy.activity_update", object_id=str(activity.pk))
    assert set(event.before) == {"recipients"} and event.after["version"] == 2
    assert event.reason == "Nowy dostawca poczty."

    services.activity_update(
        actor=office_admin, activity=activity, fields={"recipients": activity.recipients}
    )
    activity.refresh_from_db()
    assert activity.version == 2  # the same content saved again: no new version


def test_only_the_office_administrator_changes_the_register(office_staff, user_for_role):
    activity = ProcessingActivity.objects.get(key="bip")
    for user in (office_staff, user_for_role("audit_committee")):
        with pytest.raises(PermissionDenied):
            services.activity_update(actor=user, activity=activity, fields={"name": "Inna nazwa"})
    activity.refresh_from_db()
    assert activity.version == 1


def test_entries_are_created_checked_and_deleted_with_a_reason(office_admin):
    fields = {
        "name": "Monitoring wizyjny biura",
        "purposes": "Bezpieczeństwo biura.",
        "legal_basis": "Art. 6 ust. 1 lit. f RODO.",
        "data_subjects": "Goście biura.",
        "data_categories": "Wizerunek.",
        "recipients": "Nikt.",
        "retention": "3 miesiące.",
        "security_measures": "Zamknięta szafa.",
    }
    with pytest.raises(ValidationError) as error:
        services.activity_create(actor=office_admin, fields=fields | {"erasure_rules": ["nie.ma"]})
    assert "erasure_rules" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.activity_create(actor=office_admin, fields=fields | {"legal_basis": " "})
    assert "legal_basis" in error.value.message_dict

    made = services.activity_create(actor=office_admin, fields=dict(fields))
    assert made.key == "monitoring-wizyjny-biura" and made.versions.count() == 1
    assert AuditEvent.objects.filter(action="privacy.activity_create", object_id=str(made.pk)).exists()
    with pytest.raises(ValidationError):
        services.activity_delete(actor=office_admin, activity=made, reason="bo")
    services.activity_delete(actor=office_admin, activity=made, reason="Biuro zdjęło kamery w 2027 r.")
    assert not ProcessingActivity.objects.filter(pk=made.pk).exists()
    gone = AuditEvent.objects.get(action="privacy.activity_delete", object_id=str(made.pk))
    assert gone.before["name"] == "Monitoring wizyjny biura"


def test_the_register_pages_for_each_role(client, office_admin, office_staff, user_for_role):
    client.force_login(user_for_role("assessor"))
    assert client.get("/biuro/ochrona-danych/").status_code == 403

    client.force_login(office_staff)
    page = client.get("/biuro/ochrona-danych/").content.decode()
    assert "Wnioski o udostępnienie informacji publicznej" in page and "art. 30 ust. 1 RODO" in page
    assert "/biuro/ochrona-danych/nowa/" not in page  # staff read, the administrator edits
    detail = client.get("/biuro/ochrona-danych/zgloszenia-pes/").content.decode()
    assert "730" in detail and "Historia zmian" in detail and "Wersje wpisu" in detail
    assert client.get("/biuro/ochrona-danych/zgloszenia-pes/edycja/").status_code == 403
    rules_page = client.get("/biuro/ochrona-danych/usuwanie-danych/").content.decode()
    assert "Zadanie jeszcze się nie odbyło." in rules_page and "Wnioskodawcy" in rules_page

    client.force_login(office_admin)
    activity = ProcessingActivity.objects.get(key="zgloszenia-pes")
    form = client.get(f"/biuro/ochrona-danych/{activity.key}/edycja/")
    assert form.status_code == 200
    data = {name: getattr(activity, name) for name in form.context["form"].fields if name not in ("note",)}
    data |= {"to_verify": "", "erasure_rules": activity.erasure_rules, "note": "Podstawa sprawdzona."}
    data = {k: v for k, v in data.items() if v not in (False, None)}
    response = client.post(f"/biuro/ochrona-danych/{activity.key}/edycja/", data)
    assert response.status_code == 303
    activity.refresh_from_db()
    assert activity.version == 2 and not activity.to_verify
    assert activity.versions.get(number=2).note == "Podstawa sprawdzona."


def test_exports_carry_the_controller_and_every_entry(client, office_staff):
    client.force_login(office_staff)
    names = list(ProcessingActivity.objects.values_list("name", flat=True))

    docx = client.get("/biuro/ochrona-danych/eksport.docx")
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    cells = "\n".join(
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    )
    assert "art. 30 ust. 1" in text and "Administrator" in text
    assert all(name in text for name in names)
    assert "730 dni" in cells  # the platform's period, read from the rule

    xlsx = client.get("/biuro/ochrona-danych/eksport.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Czynność przetwarzania" and "Podstawa prawna" in rows[0][4]
    assert {row[1] for row in rows[1:]} >= set(names)

    body = client.get("/biuro/ochrona-danych/eksport.csv").content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(table) == len(names) + 1 and table[1][1] == names[0]
    assert client.get("/biuro/ochrona-danych/eksport.pdf").status_code == 404
