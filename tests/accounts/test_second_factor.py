"""The second factor, written as the attacks it stops: a stolen password alone opens no office page and no admin,
a recovery code works once, wrong codes lock like wrong passwords, a reset needs an administrator and a reason,
and sessions end when they should (idle, password changed, role taken away, second factor reset)."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zit.accounts.middleware import LAST_SEEN_KEY
from zit.accounts.second_factor import (
    DEMO_TOTP_KEY,
    second_factor_reset,
    totp_setup_confirm,
    totp_setup_start,
)
from zit.accounts.services import role_remove
from zit.core.models import AuditEvent

PASSWORD = "haslo-testowe-123"
OFFICE_PAGES = [
    "/biuro/czlonkowie/",
    "/biuro/osoby/",
    "/biuro/dziennik/",
    "/biuro/zadania/",
    "/biuro/skladki/wplaty/do-wyjasnienia/",
    "/biuro/nie-ma-takiej-strony/",
    "/admin/",
    "/admin/accounts/user/",
    "/konto/",
]


def code_now(user) -> str:
    """The code the user's app shows now. A code is accepted once per 30 s step, so a test that signs in
    again within the step first lets the device forget it was used (as waiting for the next code would)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    device.last_t = -1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def with_app(user) -> list[str]:
    """The user sets up an authenticator app (as on the set-up page); returns their recovery codes."""
    device = totp_setup_start(user=user)
    return totp_setup_confirm(
        user=user, device=device, token=f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}"
    )


def password_login(user, client: Client | None = None) -> Client:
    client = client or Client()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password itself is right"
    return client


@pytest.fixture
def staff(user_for_role):
    user = user_for_role("office_staff")
    user.email = "pracownik@example.invalid"
    user.save()
    return user


@pytest.mark.parametrize("role", ["office_admin", "office_staff", "body_secretary"])
@pytest.mark.parametrize("has_app", [True, False])
def test_a_password_alone_opens_no_office_page_and_no_admin(user_for_role, role, has_app):
    user = user_for_role(role)
    if has_app:
        with_app(user)
    client = password_login(user)
    step = reverse("accounts:second_factor_verify") if has_app else reverse("accounts:second_factor_setup")
    for path in OFFICE_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{step}?next="), (path, response["Location"])
    # nor does a form posted straight to the office
    response = client.post(reverse("association:body_new"), {"name": "Walne Zebranie", "kind": "assembly"})
    assert response.status_code == 302 and response["Location"].startswith(step)
    from zit.association.models import Body

    assert not Body.objects.filter(name="Walne Zebranie").exists()


def test_the_code_after_the_password_opens_the_office(staff):
    with_app(staff)
    client = password_login(staff)
    page = client.get(reverse("accounts:second_factor_verify") + "?next=/biuro/czlonkowie/")
    html = page.content.decode()
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    wrong = client.post(
        reverse("accounts:second_factor_verify"), {"code": "000000", "next": reverse("association:members")}
    )
    assert wrong.status_code == 200
    assert 'aria-describedby="id_code_helptext id_code_error"' in wrong.content.decode()
    assert client.get(reverse("association:members")).status_code == 302
    done = client.post(
        reverse("accounts:second_factor_verify"),
        {"code": code_now(staff), "next": reverse("association:members")},
    )
    assert done.status_code == 302 and done["Location"] == reverse("association:members")
    assert client.get(reverse("association:members")).status_code == 200


def test_the_code_page_sends_nobody_to_another_site(staff):
    with_app(staff)
    client = password_login(staff)
    done = client.post(
        reverse("accounts:second_factor_verify"),
        {"code": code_now(staff), "next": "https://zlosliwa.example/"},
    )
    assert done["Location"] == reverse("accounts:dashboard")


def test_setup_shows_the_qr_code_and_key_then_recovery_codes_once(staff):
    client = password_login(staff)
    assert client.get(reverse("association:members"))["Location"].startswith(
        reverse("accounts:second_factor_setup")
    )
    page = client.get(reverse("accounts:second_factor_setup"))
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert page.context["secret"].replace(" ", "") in device.config_url
    refused = client.post(reverse("accounts:second_factor_setup"), {"code": "123 456"})
    assert refused.status_code == 200 and "Kod się nie zgadza" in refused.content.decode()
    code = f"{totp(device.bin_key):06d}"
    done = client.post(reverse("accounts:second_factor_setup"), {"code": code})
    assert done.status_code == 302 and done["Location"].startswith(reverse("accounts:recovery_codes"))
    codes = client.get(reverse("accounts:recovery_codes")).context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    download = client.get(reverse("accounts:recovery_codes_download"))
    assert download["Content-Disposition"].startswith("attachment") and codes[0] in download.content.decode()
    assert client.post(reverse("accounts:recovery_codes")).status_code == 302
    assert client.get(reverse("accounts:recovery_codes"))["Location"] == reverse(
        "accounts:second_factor"
    )  # shown once
    assert client.get(reverse("accounts:recovery_codes_download")).status_code == 302
    assert client.get(reverse("association:members")).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.second_factor_enable", object_id=str(staff.pk)).exists()


def test_a_password_alone_cannot_replace_the_app(staff):
    with_app(staff)
    client = password_login(staff)
    response = client.get(reverse("accounts:second_factor_setup"))
    assert response["Location"].startswith(reverse("accounts:second_factor_verify"))
    assert client.post(reverse("accounts:second_factor_setup"), {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_recovery_code_works_once(staff):
    codes = with_app(staff)
    client = password_login(staff)
    page = client.get(reverse("accounts:second_factor_verify") + "?kod=zapasowy")
    assert "Kod zapasowy" in page.content.decode()
    done = client.post(
        reverse("accounts:second_factor_verify"), {"code": codes[0].upper(), "kod": "zapasowy"}
    )
    assert done.status_code == 302
    assert client.get(reverse("association:members")).status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    again = password_login(staff, Client())
    refused = again.post(reverse("accounts:second_factor_verify"), {"code": codes[0], "kod": "zapasowy"})
    assert refused.status_code == 200 and "został już użyty" in refused.content.decode()
    assert again.get(reverse("association:members")).status_code == 302
    assert AuditEvent.objects.filter(action="accounts.recovery_code_use").count() == 1


def test_wrong_codes_end_the_session_and_lock_the_password_too(staff, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    with_app(staff)
    client = password_login(staff)
    for _ in range(2):
        assert client.post(reverse("accounts:second_factor_verify"), {"code": "000000"}).status_code == 200
    locked = client.post(reverse("accounts:second_factor_verify"), {"code": "000000"})
    assert locked.status_code == 429
    assert client.get(reverse("accounts:dashboard"))["Location"].startswith(
        reverse("accounts:login")
    )  # signed out
    # the right password does not help now
    refused = Client().post(reverse("accounts:login"), {"username": staff.username, "password": PASSWORD})
    assert refused.status_code == 429


def test_wrong_codes_are_limited_per_session_without_axes(staff, settings):
    settings.AXES_ENABLED = False
    settings.AXES_FAILURE_LIMIT = 3
    with_app(staff)
    client = password_login(staff)
    statuses = [
        client.post(reverse("accounts:second_factor_verify"), {"code": "000000"}).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert client.get(reverse("accounts:second_factor_verify"))["Location"].startswith(
        reverse("accounts:login")
    )


def test_someone_without_a_required_role_may_choose_the_second_factor(user_for_role):
    user = user_for_role("assessor")
    client = password_login(user)
    assert client.get(reverse("accounts:dashboard")).status_code == 200  # no second factor required
    assert "Włącz logowanie dwuetapowe" in client.get(reverse("accounts:dashboard")).content.decode()
    with_app(user)
    later = password_login(user, Client())
    assert later.get(reverse("accounts:dashboard"))["Location"].startswith(
        reverse("accounts:second_factor_verify")
    )
    later.post(reverse("accounts:second_factor_verify"), {"code": code_now(user)})
    assert later.get(reverse("accounts:dashboard")).status_code == 200
    later.post(reverse("accounts:second_factor"), {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_a_required_role_cannot_turn_the_second_factor_off(staff):
    client = Client()
    client.force_login(staff)
    response = client.post(reverse("accounts:second_factor"), {"action": "disable"}, follow=True)
    assert "Twoja rola wymaga logowania dwuetapowego" in response.content.decode()
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_reset_needs_an_administrator_and_a_reason_is_audited_and_told(
    staff, user_for_role, django_capture_on_commit_callbacks
):
    admin = user_for_role("office_admin")
    with_app(staff)
    other_session = Client()
    other_session.force_login(staff)
    assert other_session.get(reverse("association:members")).status_code == 200
    with pytest.raises(PermissionDenied):
        second_factor_reset(actor=user_for_role("office_staff"), user=staff, reason="zgubiony telefon")
    with pytest.raises(ValidationError):
        second_factor_reset(actor=admin, user=staff, reason="   ")
    with pytest.raises(ValidationError):
        second_factor_reset(actor=admin, user=admin, reason="zgubiony telefon")
    assert TOTPDevice.objects.filter(user=staff).exists() and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        second_factor_reset(actor=admin, user=staff, reason="zgubiony telefon, zgłoszenie z 3 marca")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    event = AuditEvent.objects.get(action="accounts.second_factor_reset", object_id=str(staff.pk))
    assert event.reason == "zgubiony telefon, zgłoszenie z 3 marca" and event.actor_id == admin.pk
    [message] = mail.outbox
    assert message.to == ["pracownik@example.invalid"]
    assert "zgubiony telefon, zgłoszenie z 3 marca" in message.body
    assert other_session.get(reverse("association:members"))["Location"].startswith(reverse("accounts:login"))


def test_the_reset_page_asks_for_the_reason_and_is_for_administrators(staff, user_for_role):
    with_app(staff)
    admin_client, staff_client = Client(), Client()
    admin_client.force_login(user_for_role("office_admin"))
    staff_client.force_login(user_for_role("office_staff"))
    url = reverse("accounts:second_factor_reset", args=[staff.pk])
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {"reason": "bo tak"}).status_code == 403
    empty = admin_client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "Podaj powód resetu" in empty.content.decode()
    assert TOTPDevice.objects.filter(user=staff).exists()
    done = admin_client.post(url, {"reason": "nowy telefon"})
    assert done.status_code == 302 and not TOTPDevice.objects.filter(user=staff).exists()


def test_the_admin_page_of_a_user_shows_the_reset_link(staff, user_for_role):
    with_app(staff)
    client = Client()
    client.force_login(user_for_role("office_admin"))
    page = client.get(reverse("admin:accounts_user_change", args=[staff.pk]))
    assert reverse("accounts:second_factor_reset", args=[staff.pk]) in page.content.decode()


def test_the_admin_has_no_login_form_of_its_own():
    response = Client().get(reverse("admin:login") + "?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=/admin/accounts/user/")


def _idle(client: Client, hours: float) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time() - hours * 3600)
    session.save()


@pytest.mark.parametrize(
    ("role", "hours", "signed_in"),
    [
        ("office_staff", 7.5, True),
        ("office_staff", 8.5, False),
        ("body_secretary", 8.5, False),
        ("beneficiary", 8.5, True),
        ("beneficiary", 25, False),
    ],
)
def test_an_idle_session_ends_after_the_roles_limit(user_for_role, role, hours, signed_in):
    organisation = None
    if role == "beneficiary":
        from zit.organisations.models import Organisation

        organisation = Organisation.objects.first()
    user = user_for_role(role, organisation)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    _idle(client, hours)
    response = client.get(reverse("accounts:dashboard"))
    assert (response.status_code == 200) is signed_in
    if not signed_in:
        assert response["Location"].startswith(reverse("accounts:login"))
        page = client.get(response["Location"])
        assert "bez aktywności" in page.content.decode()


def test_idle_limits_come_from_the_settings(user_for_role, settings):
    settings.ZIT_SESSION_IDLE_HOURS_OFFICE = 1
    client = Client()
    client.force_login(user_for_role("office_staff"))
    _idle(client, 1.5)
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_a_password_change_ends_the_other_sessions(staff):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    elsewhere = Client()
    elsewhere.force_login(staff)
    assert elsewhere.get(reverse("association:members")).status_code == 200
    uid, token = urlsafe_base64_encode(force_bytes(staff.pk)), default_token_generator.make_token(staff)
    reset = Client()
    form = reset.get(reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True)
    done = reset.post(
        form.redirect_chain[-1][0],
        {"new_password1": "nowe-haslo-2026-xyz", "new_password2": "nowe-haslo-2026-xyz"},
    )
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    assert elsewhere.get(reverse("association:members"))["Location"].startswith(reverse("accounts:login"))


def test_taking_a_role_away_ends_every_session_of_the_user(staff, user_for_role):
    admin = user_for_role("office_admin")
    one, two = Client(), Client()
    one.force_login(staff)
    two.force_login(staff)
    assert one.get(reverse("association:members")).status_code == 200
    role_remove(actor=admin, assignment=staff.role_assignments.get())
    for client in (one, two):
        assert client.get(reverse("accounts:dashboard"))["Location"].startswith(reverse("accounts:login"))
    event = AuditEvent.objects.get(action="accounts.role_remove", object_id=str(staff.pk))
    assert event.before["role"] == "office_staff"
    with pytest.raises(PermissionDenied):
        role_remove(actor=staff, assignment=admin.role_assignments.get())


def test_taking_a_role_away_in_the_admin_ends_the_users_sessions(staff, user_for_role):
    admin_client, elsewhere = Client(), Client()
    admin_client.force_login(user_for_role("office_admin"))
    elsewhere.force_login(staff)
    assignment = staff.role_assignments.get()
    data = {
        "username": staff.username,
        "is_active": "on",
        "date_joined_0": staff.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": staff.date_joined.strftime("%H:%M:%S"),
    }
    prefix = "role_assignments"
    data |= {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": str(assignment.pk),
        f"{prefix}-0-user": str(staff.pk),
        f"{prefix}-0-role": assignment.role,
        f"{prefix}-0-DELETE": "on",
    }
    saved = admin_client.post(reverse("admin:accounts_user_change", args=[staff.pk]), data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    assert not staff.role_assignments.exists()
    assert elsewhere.get(reverse("accounts:dashboard"))["Location"].startswith(reverse("accounts:login"))


def test_demo_staff_have_the_public_demo_key_and_see_the_current_code(demo):
    from zit.accounts.models import User

    biuro = User.objects.get(username="biuro")
    assert TOTPDevice.objects.get(user=biuro).key == DEMO_TOTP_KEY
    assert not TOTPDevice.objects.filter(user__username="beneficjent").exists()
    client = Client()
    client.post(reverse("accounts:login"), {"username": "biuro", "password": "demo-haslo-2026"})
    page = client.get(reverse("accounts:second_factor_verify"))
    assert page.context["demo_code"] == code_now(biuro)


def test_a_real_account_never_gets_a_shown_code(staff):
    with_app(staff)
    client = password_login(staff)
    assert client.get(reverse("accounts:second_factor_verify")).context["demo_code"] is None
    # nor does a real account given the public key by mistake, unless it is a demo account
    TOTPDevice.objects.filter(user=staff).update(key=DEMO_TOTP_KEY)
    assert client.get(reverse("accounts:second_factor_verify")).context["demo_code"] is None
