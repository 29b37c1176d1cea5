"""The public page of the members' shares of the ZIT envelope: each member's share, what it has on the approved
list, what is contracted and what is free, citing the resolution that adopted the key; as CSV and XLSX too."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from zit.core.exports import table_response
from zit.core.formatting import letter_date
from zit.funding.selectors import agreement_current
from zit.funding.shares import key_view, method_explained
from zit.projects.list_shares import public_table


def _table():
    return public_table(agreement_current())


@require_safe
def member_shares(request: HttpRequest) -> HttpResponse:
    table = _table()
    context = {"table": table}
    if table:
        context |= {"view": key_view(table.key), "explained": method_explained(table.key)}
    return render(request, "portal/member_shares.html", context)


@require_safe
def member_shares_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    table = _table()
    if table is None:
        raise Http404(_("Nie ma obowiązującego klucza podziału alokacji."))
    view = key_view(table.key)
    pln = {r.member.pk: r.amount_pln for r in view.rows}
    header = [
        _("Członek"),
        _("Udział"),
        _("Kwota udziału (EUR)"),
        _("Kwota udziału (PLN)"),
        _("Na liście (EUR)"),
        _("Zakontraktowane (EUR)"),
        _("Wolne (EUR)"),
    ]
    lines = [
        [
            str(p.member),
            p.fraction,
            p.share_eur,
            pln.get(p.member.pk),
            p.listed_eur,
            p.contracted_eur,
            p.free_eur,
        ]
        for p in table.positions
    ]
    key = table.key
    note = _("Klucz: wersja %(v)d, %(m)s, przyjęty: %(d)s.") % {
        "v": key.version,
        "m": key.get_method_display(),
        "d": key.decision,
    }
    if view.conversion:
        note += " " + _("Kurs PLN: %(r)s z %(d)s (%(s)s).") % {
            "r": view.conversion.rate,
            "d": letter_date(view.conversion.rate_date),
            "s": view.conversion.series_label,
        }
    if key.is_demo:
        note += " " + _("Dane demonstracyjne.")
    return table_response(
        f"podzial-alokacji-wersja-{key.version}.{fmt}",
        fmt,
        header,
        lines,
        money=(2, 3, 4, 5, 6),
        shares=(1,),
        sheet=_("Podział alokacji"),
        note=note,
    )
