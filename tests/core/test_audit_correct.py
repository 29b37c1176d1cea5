import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.models import AuditEvent
from zit.core.services import audit_correct
from zit.organisations.models import Organisation
from zit.organisations.services import organisation_create, organisation_update

REASON = "Literówka w nazwie, zgłoszona przez urząd gminy."


@pytest.fixture
def renamed(user_for_role):
    """An organisation whose name a staff member changed by mistake, and the audit event of that change."""
    staff = user_for_role("office_staff")
    org = organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")
    organisation_update(actor=staff, organisation=org, name="Fundacja Rozwoju Wsu")
    event = AuditEvent.objects.get(action="organisations.update", object_id=str(org.pk))
    return org, event


def test_office_admin_corrects_a_changed_field(renamed, user_for_role):
    org, event = renamed
    admin = user_for_role("office_admin")
    correction = audit_correct(
        actor=admin, event=event, values={"name": "Fundacja Rozwoju Wsi"}, reason=REASON
    )
    org.refresh_from_db()
    assert org.name == "Fundacja Rozwoju Wsi"
    assert correction.action == "audit.correct"
    assert correction.corrects == event
    assert correction.actor_id == admin.pk
    assert correction.reason == REASON
    assert correction.before["name"] == "Fundacja Rozwoju Wsu"
    assert correction.after["name"] == "Fundacja Rozwoju Wsi"
    assert list(event.corrections.all()) == [correction]


def test_corrected_event_itself_is_unchanged(renamed, user_for_role):
    org, event = renamed
    audit_correct(
        actor=user_for_role("office_admin"), event=event, values={"name": "Fundacja X"}, reason=REASON
    )
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert fresh.after == event.after
    assert fresh.before == event.before


@pytest.mark.parametrize("reason", ["", "za krótko", "   krótko        "])
def test_correction_needs_a_reason_of_ten_characters(renamed, user_for_role, reason):
    org, event = renamed
    with pytest.raises(ValidationError) as exc:
        audit_correct(actor=user_for_role("office_admin"), event=event, values={"name": "X"}, reason=reason)
    assert "reason" in exc.value.message_dict
    org.refresh_from_db()
    assert org.name == "Fundacja Rozwoju Wsu"


def test_correction_refuses_fields_absent_from_the_event(user_for_role):
    """accounts.user_create records only username, email and is_demo: other fields are out of reach."""
    admin = user_for_role("office_admin")
    user = user_for_role("assessor")
    event = AuditEvent.objects.get(action="accounts.user_create", object_id=str(user.pk))
    with pytest.raises(ValidationError) as exc:
        audit_correct(actor=admin, event=event, values={"first_name": "Ktoś"}, reason=REASON)
    assert "first_name" in exc.value.messages[0]
    user.refresh_from_db()
    assert user.first_name == "Test"


def test_correction_refuses_fields_the_event_did_not_change(renamed, user_for_role):
    """The update event changed only the name; the city was the same before and after."""
    org, event = renamed
    with pytest.raises(ValidationError):
        audit_correct(
            actor=user_for_role("office_admin"), event=event, values={"city": "Poznań"}, reason=REASON
        )
    org.refresh_from_db()
    assert org.city == "Konin"


def test_office_staff_cannot_correct(renamed, user_for_role):
    org, event = renamed
    with pytest.raises(PermissionDenied):
        audit_correct(actor=user_for_role("office_staff"), event=event, values={"name": "X"}, reason=REASON)
    assert not AuditEvent.objects.filter(action="audit.correct").exists()


def test_correction_validates_the_new_value(renamed, user_for_role):
    org, event = renamed
    with pytest.raises(ValidationError):
        audit_correct(actor=user_for_role("office_admin"), event=event, values={"name": ""}, reason=REASON)
    assert Organisation.objects.get(pk=org.pk).name == "Fundacja Rozwoju Wsu"
    assert not AuditEvent.objects.filter(action="audit.correct").exists()
