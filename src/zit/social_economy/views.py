"""The office's pages of the social economy directory (staff and the support centre's contact person):
entries, listing requests, import and the support offer."""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.core.exports import XLSX_TYPE, table_response
from zit.core.form_flow import fire, submit
from zit.core.formatting import with_data
from zit.core.importing import ImportRejected
from zit.core.roles import Perm, has_perm, require
from zit.core.tables import upload_bytes
from zit.core.views_helpers import paginate
from zit.social_economy import importers, selectors, services
from zit.social_economy.forms import EntityForm, ImportForm, ReasonForm, SupportOfferForm, area_gmina_choices
from zit.social_economy.models import Entity, ListingRequest, PesKind, SupportOffer

IMPORT_SESSION_KEY = "social_economy_import"


def _filter_context(filters: selectors.Filters, *, states: bool) -> dict:
    return {
        "filters": filters,
        "query_string": filters.query_string(),
        "kinds": PesKind.choices,
        "gminas": area_gmina_choices()[1:],
        "states": Entity.State.choices if states else [],
    }


@login_required
def entity_list(request):
    require(request.user, Perm.SOCIAL_ECONOMY_EDIT)
    filters = selectors.Filters.from_query(request.GET)
    page = paginate(request, selectors.entities_for_staff(user=request.user, filters=filters))
    return render(
        request,
        "social_economy/staff_list.html",
        {"page": page, "new_requests": selectors.new_requests_count(user=request.user)}
        | _filter_context(filters, states=True),
    )


EXPORT_HEADER = [
    "Nazwa",
    "Rodzaj PES",
    "Stan wpisu",
    "NIP",
    "REGON",
    "KRS",
    "Ulica i numer",
    "Kod pocztowy",
    "Miejscowość",
    "Gmina (TERC)",
    "Gmina",
    "Przedsiębiorstwo społeczne",
    "Status od",
    "Usługi",
    "Produkty",
    "Osoba do kontaktu",
    "E-mail",
    "Telefon",
    "Szerokość geograficzna",
    "Długość geograficzna",
    "Dane demonstracyjne",
]


@login_required
def entity_export(request, fmt: str):
    require(request.user, Perm.SOCIAL_ECONOMY_EDIT)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    filters = selectors.Filters.from_query(request.GET)
    lines = []
    for e in selectors.entities_for_staff(user=request.user, filters=filters):
        org = e.organisation
        lines.append(
            [
                org.name,
                str(e.get_kind_display()),
                str(e.get_state_display()),
                org.nip,
                org.regon,
                org.krs,
                org.street,
                org.postal_code,
                org.city,
                org.gmina.terc if org.gmina_id else "",
                org.gmina.name if org.gmina_id else "",
                _("tak") if e.social_enterprise else _("nie"),
                e.social_enterprise_since.isoformat() if e.social_enterprise_since else "",
                e.services,
                e.products,
                e.contact_name,
                e.contact_email,
                e.contact_phone,
                e.lat,
                e.lon,
                _("tak") if e.is_demo else _("nie"),
            ]
        )
    return table_response(
        f"podmioty-ekonomii-spolecznej-{timezone.localdate().isoformat()}.{fmt}",
        fmt,
        EXPORT_HEADER,
        lines,
        sheet=_("Podmioty ekonomii społecznej"),
    )


@login_required
def entity_new(request):
    require(request.user, Perm.SOCIAL_ECONOMY_EDIT)
    form = EntityForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.entity_create(actor=request.user, **form.values()),
        success=lambda entity: reverse("social_economy:entity", args=[entity.pk]),
        message=_("Dodano wpis roboczy. Sprawdź go i opublikuj, aby był widoczny w katalogu."),
    )
    if done:
        return done
    return render(
        request,
        "social_economy/entity_form.html",
        {"form": form, "title": _("Nowy podmiot ekonomii społecznej"), "entity": None},
    )


@login_required
def entity_detail(request, pk: int):
    try:
        entity = selectors.entity_for_staff(user=request.user, pk=pk)
    except Entity.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "social_economy/staff_entity.html",
        {
            "entity": entity,
            "org": entity.organisation,
            "problems": services.publish_problems(entity),
            "actions": selectors.entity_actions(user=request.user, entity=entity),
            "history": selectors.entity_history(user=request.user, entity=entity)[:50],
            "can_open_events": has_perm(request.user, Perm.AUDIT_VIEW),
            "requests": entity.listing_requests.all(),
            "registry_note": not services.may_edit_registry(request.user),
        },
    )


@login_required
def entity_edit(request, pk: int):
    try:
        entity = selectors.entity_for_staff(user=request.user, pk=pk)
    except Entity.DoesNotExist as exc:
        raise Http404 from exc
    form = EntityForm(request.POST or None, entity=entity)
    done = submit(
        request,
        form,
        lambda: services.entity_update(actor=request.user, entity=entity, **form.values()),
        success=reverse("social_economy:entity", args=[entity.pk]),
        message=_("Zapisano zmiany."),
    )
    if done:
        return done
    return render(
        request,
        "social_economy/entity_form.html",
        {
            "form": form,
            "title": with_data(_("Edycja: %(name)s"), name=entity.organisation.name),
            "entity": entity,
        },
    )


@login_required
@require_POST
def entity_publish(request, pk: int):
    entity = get_object_or_404(Entity, pk=pk)
    name = services.entity_publish_or_republish(entity)
    return fire(
        request,
        lambda reason, confirmed: services.entity_transition(actor=request.user, entity=entity, name=name),
        success=reverse("social_economy:entity", args=[entity.pk]),
        message=_("Wpis jest opublikowany w katalogu."),
    )


@login_required
def entity_withdraw(request, pk: int):
    require(request.user, Perm.SOCIAL_ECONOMY_EDIT)
    entity = get_object_or_404(Entity.objects.select_related("organisation"), pk=pk)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].label = _("Powód wycofania z katalogu")
    form.fields["reason"].max_length = 300
    form.fields["reason"].help_text = _("Zostaje w historii wpisu; w katalogu go nie pokazujemy.")
    done = submit(
        request,
        form,
        lambda: services.entity_withdraw(
            actor=request.user, entity=entity, reason=form.cleaned_data["reason"]
        ),
        success=reverse("social_economy:entity", args=[entity.pk]),
        message=_("Wpis wycofano z katalogu."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Wycofanie z katalogu: %(name)s"), name=entity.organisation.name),
            "intro": _(
                "Wpis zniknie z publicznego katalogu, mapy, API i plików do pobrania. Można go przywrócić."
            ),
            "submit": _("Wycofaj z katalogu"),
            "danger": True,
            "back": ("social_economy:entity", entity.pk),
        },
    )


# --- listing requests ---------------------------------------------------------------------------------------------


@login_required
def request_list(request):
    status = request.GET.get("stan", ListingRequest.Status.NEW)
    if status not in ListingRequest.Status.values and status != "all":
        status = ListingRequest.Status.NEW
    found = selectors.listing_requests(user=request.user, status="" if status == "all" else status)
    return render(
        request,
        "social_economy/requests.html",
        {
            "page": paginate(request, found),
            "status": status,
            "showing_all": status == "all",
            "statuses": ListingRequest.Status.choices,
            "query_string": f"stan={status}",
            "new_requests": selectors.new_requests_count(user=request.user),
            "parked": selectors.parked_requests_count(user=request.user),
            "parked_days": settings.ZIT_PUBLIC_FORM_PARKED_DAYS,
        },
    )


@login_required
def request_detail(request, pk: int):
    try:
        item = selectors.listing_request_get(user=request.user, pk=pk)
    except ListingRequest.DoesNotExist as exc:
        raise Http404 from exc
    if request.method == "POST":
        return _request_decide(request, item)
    return render(
        request,
        "social_economy/request.html",
        {
            "item": item,
            "existing": services.find_organisation(item.nip),
            "actions": selectors.request_actions(user=request.user, item=item),
            "parked_days": settings.ZIT_PUBLIC_FORM_PARKED_DAYS,
        },
    )


def _request_decide(request, item: ListingRequest):
    """A decision button of the request's page (`?czynnosc=accept|reject`, from its lifecycle)."""
    name = request.GET.get("czynnosc") or request.POST.get("decision", "")
    here = reverse("social_economy:request", args=[item.pk])
    if name == "accept":
        return fire(
            request,
            lambda reason, confirmed: services.listing_request_accept(actor=request.user, request=item),
            success=lambda entity: reverse("social_economy:entity", args=[entity.pk]),
            message=_("Zgłoszenie przyjęte. Sprawdź wpis i opublikuj go, gdy wszystko się zgadza."),
            failure=here,
        )
    if name == "reject":
        return fire(
            request,
            lambda reason, confirmed: services.listing_request_reject(
                actor=request.user, request=item, reason=reason
            ),
            success=reverse("social_economy:requests"),
            message=_("Zgłoszenie odrzucone."),
            failure=here,
        )
    raise Http404


# --- import -------------------------------------------------------------------------------------------------------


@login_required
def import_template(request, fmt: str):
    require(request.user, Perm.SOCIAL_ECONOMY_EDIT)
    if fmt == "xlsx":
        response = HttpResponse(importers.template_xlsx(), content_type=XLSX_TYPE)
    elif fmt == "csv":
        response = HttpResponse(importers.template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="wzor-podmioty-ekonomii-spolecznej.{fmt}"'
    return response


@login_required
def import_file(request):
    """Upload → preview (nothing written; the file waits in the session) → confirm."""
    require(request.user, Perm.SOCIAL_ECONOMY_EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored or stored["sha"] != request.POST["confirm"]:
            messages.error(request, _("Plik do zatwierdzenia wygasł; wgraj go jeszcze raz."))
            return redirect("social_economy:import")
        content = base64.b64decode(stored["content"])
        try:
            counts = importers.confirm(actor=request.user, name=stored["name"], content=content)
        except ImportRejected as exc:
            context["problems"] = exc.report.problems
        else:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(
                request,
                _("Zaimportowano: nowe wpisy robocze %(c)d, zaktualizowane %(u)d, bez zmian %(n)d.")
                % {"c": counts["created"], "u": counts["updated"], "n": counts["unchanged"]},
            )
            return redirect("social_economy:entities")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = upload_bytes(upload, max_bytes=importers.MAX_SIZE)
            preview = importers.parse(upload.name, content, actor=request.user)
        except ImportRejected as exc:
            context["problems"] = exc.report.problems
        else:
            context["preview"] = preview
            context["problems"] = preview.problems
            if preview.ok:
                sha = hashlib.sha256(content).hexdigest()
                request.session[IMPORT_SESSION_KEY] = {
                    "name": upload.name,
                    "sha": sha,
                    "content": base64.b64encode(content).decode(),
                }
                context["confirm"] = sha
    return render(request, "social_economy/import.html", context)


# --- the support centre's offer -----------------------------------------------------------------------------------


@login_required
def offer_list(request):
    return render(
        request,
        "social_economy/offer_sections.html",
        {"sections": selectors.support_offer_sections(user=request.user)},
    )


@login_required
def offer_edit(request, pk: int | None = None):
    require(request.user, Perm.SOCIAL_ECONOMY_EDIT)
    section = get_object_or_404(SupportOffer, pk=pk) if pk else None
    form = SupportOfferForm(request.POST or None, instance=section)
    done = submit(
        request,
        form,
        lambda: services.support_offer_save(
            actor=request.user, section=section, **{f: form.cleaned_data[f] for f in form.Meta.fields}
        ),
        success=reverse("social_economy:offer"),
        message=_("Zapisano część oferty wsparcia."),
    )
    if done:
        return done
    return render(
        request,
        "social_economy/offer_form.html",
        {
            "form": form,
            "section": section,
            "title": with_data(_("Oferta wsparcia: %(t)s"), t=section.title)
            if section
            else _("Nowa część oferty wsparcia"),
        },
    )


@login_required
@require_POST
def offer_delete(request, pk: int):
    section = get_object_or_404(SupportOffer, pk=pk)
    services.support_offer_delete(actor=request.user, section=section)
    messages.success(request, _("Usunięto część oferty wsparcia."))
    return redirect("social_economy:offer")
