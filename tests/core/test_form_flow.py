"""The shared form flow: every form and every row is validated, nothing is saved unless all are valid, every
value typed comes back, a service's refusal lands next to the field, and "add rows" says it saved nothing."""

from decimal import Decimal

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

from zit.core.error_summary import formset_items
from zit.core.form_flow import row_errors, rows_data, submit


class Row(forms.Form):
    name = forms.CharField(label="Nazwa", max_length=20)
    amount = forms.DecimalField(label="Kwota", min_value=0)


class Head(forms.Form):
    title = forms.CharField(label="Tytuł")


Rows = forms.formset_factory(Row, extra=0)


def post(data):
    request = RequestFactory().post("/x", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def table(rows, prefix="wiersze"):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, (name, amount) in enumerate(rows):
        data[f"{prefix}-{i}-name"] = name
        data[f"{prefix}-{i}-amount"] = amount
    return data


def test_one_bad_row_among_many_saves_nothing_and_shows_every_error_with_every_value():
    typed = [("drogi", "100"), ("mosty", "-5"), ("szkoły", "abc"), ("parki", "12.50")]
    request = post({"title": "", **table(typed)})
    head, rows = Head(request.POST), Rows(request.POST, prefix="wiersze")
    saved = []
    response = submit(request, [head, rows], lambda: saved.append("x"), success="/ok")
    assert response is None and saved == []
    assert "title" in head.errors  # the first form's error did not hide the table's
    assert [(n, label) for n, _id, label, _e in row_errors(rows)] == [(2, "Kwota"), (3, "Kwota")]
    assert [f["name"].value() for f in rows.forms] == ["drogi", "mosty", "szkoły", "parki"]
    assert [f["amount"].value() for f in rows.forms] == ["100", "-5", "abc", "12.50"]
    html = render_to_string(
        "includes/formset_table.html", {"formset": rows, "prefix": "wiersze", "caption": "T"}
    )
    # the page's one error summary names each bad row and links to its cell; the table keeps every value
    summary = [(item.target, item.text.split(":")[0]) for item in formset_items(rows)]
    assert summary == [("id_wiersze-1-amount", "Wiersz 2, Kwota"), ("id_wiersze-2-amount", "Wiersz 3, Kwota")]
    assert 'value="abc"' in html and 'value="12.50"' in html


def test_a_service_refusal_lands_next_to_its_field_and_nothing_is_lost():
    request = post({"title": "Budżet", **table([("drogi", "100")])})
    head, rows = Head(request.POST), Rows(request.POST, prefix="wiersze")

    def refuse():
        raise ValidationError({"title": "Taki tytuł już jest."})

    assert submit(request, [head, rows], refuse, success="/ok") is None
    assert head.errors["title"] == ["Taki tytuł już jest."]
    assert head["title"].value() == "Budżet"


def test_success_says_so_and_redirects_with_see_other():
    request = post({"title": "Budżet", **table([("drogi", "100.10"), ("mosty", "0")])})
    head, rows = Head(request.POST), Rows(request.POST, prefix="wiersze")
    total = []
    response = submit(
        request,
        [head, rows],
        lambda: total.append(sum(f.cleaned_data["amount"] for f in rows.forms)),
        success="/ok",
        message="Zapisano.",
    )
    assert response.status_code == 303 and response["Location"] == "/ok"
    assert total == [Decimal("100.10")]
    assert [str(m) for m in get_messages(request)] == ["Zapisano."]


def test_add_rows_keeps_what_was_typed_saves_nothing_and_says_so():
    request = post({"dodaj_wiersze": "1", **table([("drogi", "100"), ("mosty", "-5")])})
    data, adding = rows_data(request, "wiersze")
    rows = Rows(data, prefix="wiersze")
    saved = []
    assert adding and submit(request, rows, lambda: saved.append(1), success="/ok", adding=True) is None
    assert saved == [] and len(rows.forms) == 4
    assert [f["name"].value() for f in rows.forms[:2]] == ["drogi", "mosty"]
    said = [str(m) for m in get_messages(request)]
    assert len(said) == 1 and "Nic jeszcze nie zapisano" in said[0] and "2" in said[0]
