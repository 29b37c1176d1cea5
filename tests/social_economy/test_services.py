"""Entities with their registry data, publication rules, the listing requests and their moderation, the
support offer: validation, permissions and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories.organisations import OrganisationFactory

from zit.core.models import AuditEvent
from zit.organisations.models import Organisation
from zit.social_economy import services
from zit.social_economy.models import Entity, ListingRequest

from .conftest import nip

pytestmark = pytest.mark.django_db


def test_a_new_entity_creates_its_organisation_as_a_draft(woes, konin):
    entity = services.entity_create(
        actor=woes,
        name="Spółdzielnia Socjalna Próba",
        nip="999-000-10-02",
        kind="social_cooperative",
        gmina=konin,
    )
    assert entity.state == Entity.State.DRAFT
    assert entity.organisation.nip == "9990001002"
    assert entity.organisation.kind == Organisation.Kind.SOCIAL_ECONOMY
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"organisations.create", "social_economy.entity_create"} <= actions


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nip", "1234567890", "cyfrę kontrolną"),
        ("nip", "12345", "10 cyfr"),
        ("regon", "123456789", "cyfrę kontrolną"),
        ("krs", "12345", "10 cyfr"),
        ("postal_code", "62500", "00-000"),
    ],
)
def test_registry_numbers_are_checked_with_polish_messages(woes, konin, field, value, message):
    fields = {"name": "Fundacja Próba", "kind": "foundation", "gmina": konin, "nip": nip(7)} | {field: value}
    with pytest.raises(ValidationError) as exc:
        services.entity_create(actor=woes, **fields)
    assert message in " ".join(exc.value.message_dict[field])
    assert not Entity.objects.exists()


def test_social_enterprise_status_needs_its_date_not_in_the_future(woes, konin):
    with pytest.raises(ValidationError) as exc:
        services.entity_create(
            actor=woes, name="A", nip=nip(1), kind="zaz", gmina=konin, social_enterprise=True
        )
    assert "social_enterprise_since" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.entity_create(
            actor=woes,
            name="A",
            nip=nip(1),
            kind="zaz",
            gmina=konin,
            social_enterprise=True,
            social_enterprise_since=dt.date.today() + dt.timedelta(days=3),
        )
    assert "przyszłości" in " ".join(exc.value.message_dict["social_enterprise_since"])


def test_a_point_needs_both_coordinates_inside_poland(woes, konin):
    with pytest.raises(ValidationError) as exc:
        services.entity_create(actor=woes, name="A", nip=nip(1), kind="cis", gmina=konin, lat=52.2, lon=None)
    assert "lon" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.entity_create(
            actor=woes, name="A", nip=nip(1), kind="cis", gmina=konin, lat=18.25, lon=52.22
        )
    assert "zamieniono" in " ".join(exc.value.messages)


def test_an_organisation_with_the_same_nip_is_linked_not_duplicated(staff, woes, konin):
    existing = OrganisationFactory(name="Fundacja Stara", nip=nip(3), city="Konin")
    entity = services.entity_create(
        actor=woes, name="Inna nazwa", nip=nip(3), kind="foundation", gmina=konin, city="Gdziekolwiek"
    )
    assert entity.organisation_id == existing.pk
    assert Organisation.objects.filter(nip=nip(3)).count() == 1
    existing.refresh_from_db()
    assert existing.name == "Fundacja Stara"  # the support centre does not change a non-PES's registry data
    with pytest.raises(ValidationError) as exc:
        services.entity_create(actor=staff, name="X", nip=nip(3), kind="foundation", gmina=konin)
    assert "już w katalogu" in " ".join(exc.value.message_dict["nip"])


def test_the_office_linking_an_organisation_updates_its_registry_data(staff, konin):
    existing = OrganisationFactory(name="Fundacja Stara", nip=nip(4))
    services.entity_create(
        actor=staff, name="Fundacja Nowa Nazwa", nip=nip(4), kind="foundation", gmina=konin
    )
    existing.refresh_from_db()
    assert existing.name == "Fundacja Nowa Nazwa"
    assert existing.gmina == konin


def test_a_public_body_is_never_linked_as_a_pes(woes, konin, association_data):
    gmina = OrganisationFactory(name="Gmina Próbna", kind="local_government", nip=nip(77))
    with pytest.raises(ValidationError) as exc:
        services.entity_create(actor=woes, name="X", nip=gmina.nip, kind="other_ngo", gmina=konin)
    assert "nie jest podmiot ekonomii społecznej" in " ".join(exc.value.message_dict["nip"])


def test_the_support_centre_edits_the_registry_data_of_a_pes_only(woes, make_entity, association_data):
    entity = make_entity()
    services.entity_update(actor=woes, entity=entity, name="Nowa nazwa PES", street="ul. Polna 1")
    entity.organisation.refresh_from_db()
    assert entity.organisation.name == "Nowa nazwa PES"
    # another organisation's NIP cannot be taken over through a PES's entry
    gmina = OrganisationFactory(name="Gmina Próbna", kind="local_government", nip=nip(77))
    with pytest.raises(ValidationError):
        services.entity_update(actor=woes, entity=entity, nip=gmina.nip)
    # and the registry's own service stays closed to the support centre
    from zit.organisations.services import organisation_update

    with pytest.raises(PermissionDenied):
        organisation_update(actor=woes, organisation=gmina, name="Przejęta")


@pytest.mark.parametrize("role", ["member_officer", "beneficiary", "board_member", "assessor"])
def test_other_roles_cannot_edit_the_directory(user_for_role, make_entity, konin, role, association_data):
    org = Organisation.objects.filter(kind="local_government").first()
    user = user_for_role(role, organisation=org if role in ("member_officer", "beneficiary") else None)
    entity = make_entity()
    with pytest.raises(PermissionDenied):
        services.entity_create(actor=user, name="A", nip=nip(1), kind="cis", gmina=konin)
    with pytest.raises(PermissionDenied):
        services.entity_update(actor=user, entity=entity, name="B")
    with pytest.raises(PermissionDenied):
        services.entity_publish(actor=user, entity=entity)


def test_publishing_needs_kind_gmina_and_an_offer_or_description(woes, make_entity):
    entity = make_entity(gmina=None, services="")
    with pytest.raises(ValidationError) as exc:
        services.entity_publish(actor=woes, entity=entity)
    text = " ".join(exc.value.messages)
    assert "gminę" in text and "ofertę" in text
    services.entity_update(
        actor=woes, entity=entity, description="Pomagamy.", gmina=entity.organisation.gmina
    )
    with pytest.raises(ValidationError):
        services.entity_publish(actor=woes, entity=entity)  # still no gmina
    from zit.territory.models import AdministrativeUnit

    services.entity_update(actor=woes, entity=entity, gmina=AdministrativeUnit.objects.get(terc="3062011"))
    published = services.entity_publish(actor=woes, entity=entity)
    assert published.state == Entity.State.PUBLISHED and published.published_at


def test_a_published_entry_cannot_lose_what_publication_needs(woes, make_entity):
    entity = make_entity(publish=True)
    with pytest.raises(ValidationError):
        services.entity_update(actor=woes, entity=entity, gmina=None)


def test_withdraw_needs_a_reason_and_republish_brings_it_back(woes, make_entity):
    entity = make_entity(publish=True)
    with pytest.raises(ValidationError):
        services.entity_withdraw(actor=woes, entity=entity, reason=" ")
    withdrawn = services.entity_withdraw(actor=woes, entity=entity, reason="Zawiesił działalność.")
    assert withdrawn.state == Entity.State.WITHDRAWN
    event = AuditEvent.objects.get(action="social_economy.entity_withdraw")
    assert event.reason == "Zawiesił działalność."
    with pytest.raises(ValidationError):
        services.entity_publish(
            actor=woes, entity=withdrawn
        )  # a withdrawn entry is republished, not published
    again = services.entity_republish(actor=woes, entity=withdrawn)
    assert again.state == Entity.State.PUBLISHED and again.withdrawn_reason == ""


def _request(**fields):
    values = {
        "consent": True,
        "name": "Spółdzielnia Socjalna Z Formularza",
        "kind": "social_cooperative",
        "nip": nip(900),
        "services": "Sprzątanie.",
        "contact_name": "Jan Zgłaszający",
        "contact_email": "jan@example.org",
        "public_email": "biuro@example.org",
    }
    return services.listing_request_submit(**(values | fields))


def test_the_public_form_records_a_request_and_publishes_nothing(association_data):
    item = _request()
    assert item.status == ListingRequest.Status.NEW and item.consent_at
    assert not Entity.objects.exists()
    event = AuditEvent.objects.get(action="social_economy.request_receive")
    assert "jan@example.org" not in str(event.after) and "Jan Zgłaszający" not in str(event.after)


def test_the_public_form_checks_numbers_consent_and_offer(association_data):
    with pytest.raises(ValidationError) as exc:
        _request(nip="1234567890", krs="12", consent=False, services="")
    errors = exc.value.message_dict
    assert {"nip", "krs", "consent", "services"} <= set(errors)
    assert not ListingRequest.objects.exists()


def test_accepting_creates_a_draft_with_the_public_contact_only(woes, konin):
    item = _request(gmina=konin)
    entity = services.listing_request_accept(actor=woes, request=item)
    assert entity.state == Entity.State.DRAFT
    assert entity.contact_email == "biuro@example.org"
    assert entity.contact_name == ""  # the requester is not the public contact
    item.refresh_from_db()
    assert (
        item.status == ListingRequest.Status.ACCEPTED and item.entity == entity and item.reviewed_by == woes
    )
    with pytest.raises(ValidationError):
        services.listing_request_accept(actor=woes, request=item)


def test_accepting_a_request_of_a_listed_nip_updates_that_entry(woes, make_entity):
    entity = make_entity(publish=True, nip=nip(900))
    item = _request(products="Miód.")
    accepted = services.listing_request_accept(actor=woes, request=item)
    assert accepted.pk == entity.pk
    assert accepted.products == "Miód."
    assert Entity.objects.count() == 1


def test_rejecting_needs_a_reason(woes, association_data):
    item = _request()
    with pytest.raises(ValidationError):
        services.listing_request_reject(actor=woes, request=item, reason="")
    rejected = services.listing_request_reject(actor=woes, request=item, reason="To nie jest PES.")
    assert rejected.status == ListingRequest.Status.REJECTED
    assert not Entity.objects.exists()


def test_a_member_officer_cannot_moderate(user_for_role, association_data):
    org = Organisation.objects.filter(kind="local_government").first()
    officer = user_for_role("member_officer", organisation=org)
    item = _request()
    with pytest.raises(PermissionDenied):
        services.listing_request_accept(actor=officer, request=item)


def test_support_offer_sections_are_saved_and_audited(woes):
    section = services.support_offer_save(actor=woes, title="Doradztwo", body="Tekst.", position=1)
    services.support_offer_save(
        actor=woes, section=section, title="Doradztwo", body="Nowy tekst.", position=1
    )
    assert AuditEvent.objects.filter(object_type="social_economy.supportoffer").count() == 2
    services.support_offer_delete(actor=woes, section=section)
    assert AuditEvent.objects.filter(action="social_economy.offer_delete").exists()


def test_the_demo_loader_is_idempotent_and_labelled(demo):
    from zit.social_economy.demo import load_social_economy_demo

    first = load_social_economy_demo()
    again = load_social_economy_demo()
    assert first["entities"] == 12 and again == {"entities": 0, "requests": 0, "offer": 0}
    assert all(e.organisation.name.endswith("(demo)") and e.is_demo for e in Entity.objects.all())
    assert Entity.objects.filter(state="withdrawn").count() == 1
    assert ListingRequest.objects.filter(status="new").count() == 3


def test_requesters_data_go_two_years_after_the_review(woes, association_data):
    from django.utils import timezone

    from zit.core.personal_data import rule_erase, rules

    old = _request(name="Stare zgłoszenie")
    services.listing_request_reject(actor=woes, request=old, reason="Nie PES.")
    recent = _request(name="Nowe zgłoszenie", nip=nip(901))
    ListingRequest.objects.filter(pk=old.pk).update(reviewed_at=timezone.now() - dt.timedelta(days=731))
    rule = rules()["social_economy.listing_requesters"]
    assert rule_erase(rule) == [old.pk]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.contact_email) == ("", "") and old.rejection_reason == "Nie PES."
    assert recent.contact_email == "jan@example.org"
    assert rule_erase(rule) == []
