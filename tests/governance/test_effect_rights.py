"""Who applies an adopted resolution's effect: the office's setting (office only, or the body's secretary
too), its audit, the button and the inbox of whoever may apply it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from governance.meeting_fixtures import *  # noqa: F403
from governance.meeting_fixtures import open_meeting
from governance.test_resolutions import adopt
from zit.core.inbox import items_for
from zit.core.models import AuditEvent, Notice
from zit.core.notices import notices_refresh
from zit.governance import effect_rights, resolutions
from zit.governance.models import GovernanceSettings, Resolution, ResolutionKind

Appliers = GovernanceSettings.EffectAppliers


def _waiting(user):
    return [item for src, item in items_for(user=user) if src.key == "governance.effects"]


@pytest.fixture
def waiting(listed, rada, office, secretary):
    """A list resolution adopted with the secretary recording the vote: its effect waits."""
    from zit.funding.selectors import agreement_current
    from zit.projects import lists

    version = lists.list_version_create(
        actor=office, agreement=agreement_current(), rate_date=dt.date(2026, 3, 2)
    )

    lists.list_annex_update_set(actor=office, version=version, significant=False)
    resolution = adopt(
        rada, open_meeting(rada), actor=secretary, kind=ResolutionKind.PROJECT_LIST, list_version=version
    )
    assert resolution.effect == Resolution.Effect.PENDING
    return resolution


def test_only_the_office_changes_the_setting_and_it_is_audited(office, secretary, board):
    assert effect_rights.settings_get().effect_appliers == Appliers.OFFICE  # the default
    for outsider in (secretary, board):
        with pytest.raises(PermissionDenied):
            effect_rights.effect_appliers_set(actor=outsider, appliers=Appliers.OFFICE_AND_SECRETARY)
    effect_rights.effect_appliers_set(actor=office, appliers=Appliers.OFFICE_AND_SECRETARY)
    assert effect_rights.secretary_may_apply()
    event = AuditEvent.objects.get(action="governance.effect_appliers")
    assert event.before == {"effect_appliers": "office"}
    assert event.after == {"effect_appliers": "office_secretary"}
    assert event.actor_id == office.pk


def test_office_only_the_secretary_may_not_apply_and_is_not_told(waiting, office, secretary):
    assert "pracownik biura przyciskiem" in waiting.effect_note and "sekretarz" not in waiting.effect_note
    with pytest.raises(PermissionDenied):
        resolutions.resolution_effect_apply(actor=secretary, resolution=waiting)
    assert _waiting(secretary) == []
    [item] = _waiting(office)
    assert item.key == f"governance.effects:{waiting.pk}" and item.since == waiting.adopted_on
    assert item.url == reverse("governance:resolution", args=[waiting.pk]) and waiting.number in item.title
    applied = resolutions.resolution_effect_apply(actor=office, resolution=waiting)
    assert applied.effect == Resolution.Effect.APPLIED and _waiting(office) == []


def test_with_the_setting_the_secretary_applies_on_the_resolutions_authority(waiting, office, secretary):
    effect_rights.effect_appliers_set(actor=office, appliers=Appliers.OFFICE_AND_SECRETARY)
    assert [i.key for i in _waiting(secretary)] == [f"governance.effects:{waiting.pk}"]
    assert "sekretarz organu" in effect_rights.who_applies()
    notices_refresh(user=secretary)
    told = Notice.objects.get(recipient=secretary, source="governance.effects")
    assert told.key == f"governance.effects:{waiting.pk}"
    applied = resolutions.resolution_effect_apply(actor=secretary, resolution=waiting)
    applied.list_version.refresh_from_db()
    assert applied.effect == Resolution.Effect.APPLIED and applied.list_version.status == "approved"
    event = AuditEvent.objects.filter(action="governance.effect_apply").latest("id")
    assert event.actor_id == secretary.pk and event.object_id == str(waiting.pk)
    assert _waiting(secretary) == [] and _waiting(office) == []


def test_the_secretarys_adoption_applies_at_once_when_the_setting_allows(listed, rada, office, secretary):
    from zit.funding.selectors import agreement_current
    from zit.projects import lists

    effect_rights.effect_appliers_set(actor=office, appliers=Appliers.OFFICE_AND_SECRETARY)
    version = lists.list_version_create(
        actor=office, agreement=agreement_current(), rate_date=dt.date(2026, 3, 2)
    )
    lists.list_annex_update_set(actor=office, version=version, significant=False)
    resolution = adopt(
        rada, open_meeting(rada), actor=secretary, kind=ResolutionKind.PROJECT_LIST, list_version=version
    )
    assert resolution.effect == Resolution.Effect.APPLIED


def test_the_pages_follow_the_setting(waiting, office, secretary, board):
    page = reverse("governance:resolution", args=[waiting.pk])
    viewer = Client()
    viewer.force_login(board)
    assert "Skutek wprowadzi pracownik biura przyciskiem" in viewer.get(page).content.decode()
    as_secretary = Client()
    as_secretary.force_login(secretary)
    settings_page = reverse("governance:settings")
    shown = as_secretary.get(settings_page)
    assert shown.status_code == 200 and "tylko biuro" in shown.content.decode()
    assert as_secretary.post(settings_page, {"effect_appliers": "office_secretary"}).status_code == 403
    as_office = Client()
    as_office.force_login(office)
    response = as_office.post(settings_page, {"effect_appliers": "office_secretary"})
    assert response.status_code == 303 and effect_rights.secretary_may_apply()
    text = as_secretary.get(page).content.decode()
    assert "Wprowadź skutek" in text  # the secretary's button now
    assert "pracownik biura albo sekretarz organu" in viewer.get(page).content.decode()
