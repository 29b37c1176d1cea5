import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from zit.association.models import Member
from zit.organisations.models import Organisation
from zit.organisations.selectors import organisation_get, organisations_visible
from zit.organisations.services import organisation_create

MF_NIP = "5260250274"


@pytest.fixture
def slesin(association_data):
    return Member.objects.get(slug="slesin").organisation


@pytest.fixture
def foundation(association_data):
    return organisation_create(
        actor=None,
        name="Fundacja Rozwoju Ziemi Konińskiej",
        short_name="FRZK",
        kind="ngo",
        nip=MF_NIP,
        regon="123456785",
        krs="0000123456",
        city="Kleczew",
    )


def test_staff_sees_all(user_for_role, foundation):
    for role in ("office_staff", "office_admin", "body_secretary", "board_member", "audit_committee"):
        visible = organisations_visible(user=user_for_role(role))
        assert visible.count() == Organisation.objects.count() == 18  # association, 16 members, foundation


def test_member_officer_sees_only_own(user_for_role, slesin, foundation):
    officer = user_for_role("member_officer", organisation=slesin)
    assert list(organisations_visible(user=officer)) == [slesin]
    assert list(organisations_visible(user=officer, query="Fundacja")) == []


def test_assessor_and_anonymous_are_refused(user_for_role, foundation):
    with pytest.raises(PermissionDenied):
        organisations_visible(user=user_for_role("assessor"))
    with pytest.raises(PermissionDenied):
        organisations_visible(user=AnonymousUser())


def test_search_by_name_short_name_and_city(user_for_role, foundation):
    staff = user_for_role("office_staff")
    assert list(organisations_visible(user=staff, query="rozwoju ziemi")) == [foundation]
    assert list(organisations_visible(user=staff, query="frzk")) == [foundation]
    # "Gmina Kleczew" by name, the foundation by its city; ordered by name
    assert list(organisations_visible(user=staff, query="kleczew")) == [
        foundation,
        Member.objects.get(slug="kleczew").organisation,
    ]


def test_search_ignores_case_of_polish_letters(user_for_role, foundation):
    """Users type "ślesin" as often as "Ślesin"; on SQLite LIKE folds only ASCII letters."""
    staff = user_for_role("office_staff")
    slesin = Member.objects.get(slug="slesin").organisation
    assert list(organisations_visible(user=staff, query="Ślesin")) == [slesin]
    assert list(organisations_visible(user=staff, query="ślesin")) == [slesin]


@pytest.mark.parametrize("query", [MF_NIP, "526-025-02-74", "526 025 02 74", "123456785", "0000123456"])
def test_search_by_registry_numbers(user_for_role, foundation, query):
    assert list(organisations_visible(user=user_for_role("office_staff"), query=query)) == [foundation]


def test_search_by_partial_nip_finds_nothing(user_for_role, foundation):
    assert not organisations_visible(user=user_for_role("office_staff"), query="526025").exists()


def test_filter_by_kind(user_for_role, foundation):
    staff = user_for_role("office_staff")
    assert list(organisations_visible(user=staff, kind="ngo")) == [foundation]
    assert organisations_visible(user=staff, kind="local_government").count() == 16


def test_organisation_get_respects_scope(user_for_role, slesin, foundation):
    officer = user_for_role("member_officer", organisation=slesin)
    assert organisation_get(user=officer, pk=slesin.pk) == slesin
    with pytest.raises(PermissionDenied):
        organisation_get(user=officer, pk=foundation.pk)
    assert organisation_get(user=user_for_role("office_staff"), pk=foundation.pk) == foundation
