import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.association.models import Member
from zit.core.models import AuditEvent
from zit.organisations.models import Organisation
from zit.organisations.services import organisation_create, organisation_update

MF_NIP = "5260250274"


def _events(org, action="organisations.update"):
    return AuditEvent.objects.filter(action=action, object_id=str(org.pk))


@pytest.fixture
def members(association_data):
    return Member.objects.get(slug="slesin").organisation, Member.objects.get(slug="golina").organisation


def test_create_normalises_registry_numbers(user_for_role):
    staff = user_for_role("office_staff")
    org = organisation_create(
        actor=staff,
        name="Fundacja Testowa",
        kind="ngo",
        nip="526-025-02-74",
        regon="123 456 785",
        krs="0000 123456",
        postal_code=" 62-500 ",
        city="Konin",
    )
    org.refresh_from_db()
    assert (org.nip, org.regon, org.krs, org.postal_code) == (MF_NIP, "123456785", "0000123456", "62-500")
    event = _events(org, "organisations.create").get()
    assert event.actor_id == staff.pk
    assert event.after["nip"] == MF_NIP


def test_create_reports_every_bad_field(user_for_role):
    with pytest.raises(ValidationError) as exc:
        organisation_create(
            actor=user_for_role("office_staff"),
            name="",
            kind="ngo",
            nip="5260250275",
            postal_code="62500",
            email="nie-email",
        )
    assert set(exc.value.message_dict) >= {"name", "nip", "postal_code", "email"}
    assert not Organisation.objects.filter(kind="ngo").exists()


def test_duplicate_nip_rejected_in_polish(user_for_role):
    staff = user_for_role("office_staff")
    organisation_create(actor=staff, name="Pierwsza", kind="ngo", nip=MF_NIP)
    with pytest.raises(ValidationError) as exc:
        organisation_create(actor=staff, name="Druga", kind="ngo", nip="526-025-02-74")
    assert exc.value.message_dict["nip"] == ["Organizacja z tym numerem NIP jest już w rejestrze."]
    assert not Organisation.objects.filter(name="Druga").exists()


def test_duplicate_nip_rejected_on_update(user_for_role):
    staff = user_for_role("office_staff")
    organisation_create(actor=staff, name="Pierwsza", kind="ngo", nip=MF_NIP)
    second = organisation_create(actor=staff, name="Druga", kind="ngo")
    with pytest.raises(ValidationError) as exc:
        organisation_update(actor=staff, organisation=second, nip=MF_NIP)
    assert "nip" in exc.value.message_dict
    second.refresh_from_db()
    assert second.nip == ""


def test_organisations_without_nip_do_not_clash(user_for_role):
    staff = user_for_role("office_staff")
    organisation_create(actor=staff, name="A", kind="ngo")
    organisation_create(actor=staff, name="B", kind="ngo", nip="")
    assert Organisation.objects.filter(nip="", name__in=["A", "B"]).count() == 2


def test_unknown_field_is_a_programming_error(user_for_role):
    with pytest.raises(TypeError):
        organisation_create(
            actor=user_for_role("office_staff"), name="A", kind="ngo", is_demo=False, colour="red"
        )


@pytest.mark.parametrize("role", ["member_officer", "beneficiary"])
def test_scoped_user_edits_own_organisation(user_for_role, members, role):
    own, _other = members
    user = user_for_role(role, organisation=own)
    organisation_update(
        actor=user, organisation=own, email="sekretariat@slesin.invalid", phone="63 270 50 26"
    )
    own.refresh_from_db()
    assert own.email == "sekretariat@slesin.invalid"
    assert _events(own).get().actor_id == user.pk


@pytest.mark.parametrize("role", ["member_officer", "beneficiary"])
def test_scoped_user_cannot_edit_another_organisation(user_for_role, members, role):
    own, other = members
    with pytest.raises(PermissionDenied):
        organisation_update(actor=user_for_role(role, organisation=own), organisation=other, name="Przejęta")
    other.refresh_from_db()
    assert other.name == "Gmina Golina"


@pytest.mark.parametrize("role", ["member_officer", "beneficiary"])
def test_scoped_user_cannot_create_organisations(user_for_role, members, role):
    own, _other = members
    with pytest.raises(PermissionDenied):
        organisation_create(actor=user_for_role(role, organisation=own), name="Nowa", kind="ngo")


def test_assessor_cannot_create_or_edit(user_for_role, members):
    own, _other = members
    assessor = user_for_role("assessor")
    with pytest.raises(PermissionDenied):
        organisation_create(actor=assessor, name="Nowa", kind="ngo")
    with pytest.raises(PermissionDenied):
        organisation_update(actor=assessor, organisation=own, name="Zmieniona")


def test_update_records_what_changed(user_for_role, members):
    own, _other = members
    staff = user_for_role("office_staff")
    organisation_update(actor=staff, organisation=own, name="Miasto i Gmina Ślesin", postal_code="62-561")
    event = _events(own).get()
    assert (event.before["name"], event.after["name"]) == ("Gmina Ślesin", "Miasto i Gmina Ślesin")
    assert (event.before["postal_code"], event.after["postal_code"]) == ("", "62-561")


def test_update_without_change_writes_no_audit_event(user_for_role, members):
    own, _other = members
    organisation_update(actor=user_for_role("office_staff"), organisation=own, name=own.name, city=own.city)
    assert not _events(own).exists()


def test_clearing_the_gmina(user_for_role, members):
    own, _other = members
    organisation_update(actor=user_for_role("office_staff"), organisation=own, gmina=None, website=None)
    own.refresh_from_db()
    assert own.gmina is None
    assert own.website == ""
