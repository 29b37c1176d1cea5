"""The office's pages for members, organisations, people and bodies. Views parse input and call one
service or selector; permissions are checked there."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zit.association import selectors, services
from zit.association.forms import (
    AssociationProfileForm,
    BodyForm,
    EndDateForm,
    MandateForm,
    MemberForm,
    MembershipEndForm,
    OrganisationForm,
    PersonEraseForm,
    PersonForm,
    RepresentationForm,
)
from zit.association.models import AssociationProfile, Body, Mandate, Member, Representation
from zit.core.form_flow import submit
from zit.core.formatting import polish_data, with_data
from zit.core.roles import Perm, require
from zit.core.selectors import audit_events_for_object
from zit.core.services import decision_reference_create
from zit.core.views_helpers import apply_errors, paginate
from zit.organisations import selectors as org_selectors
from zit.organisations import services as org_services
from zit.organisations.models import Organisation


def _history(user, obj):
    from zit.core.roles import has_perm

    return audit_events_for_object(user=user, obj=obj)[:20] if has_perm(user, Perm.AUDIT_VIEW) else None


@login_required
def members(request):
    require(request.user, Perm.STAFF_AREA)
    return render(request, "staff/members.html", {"members": selectors.members_all()})


@login_required
def member_detail(request, pk: int):
    require(request.user, Perm.STAFF_AREA)
    member = get_object_or_404(selectors.members_all(), pk=pk)
    return render(
        request,
        "staff/member_detail.html",
        {
            "member": member,
            "representations": selectors.member_people(user=request.user, member=member),
            "history": _history(request.user, member),
            "org_history": _history(request.user, member.organisation),
        },
    )


@login_required
def member_edit(request, pk: int):
    member = get_object_or_404(Member.objects.select_related("organisation"), pk=pk)
    require(request.user, Perm.MEMBERS_EDIT)
    member_form = MemberForm(
        request.POST or None, prefix="member", initial={"name": member.name, "number": member.number}
    )
    org_form = OrganisationForm(request.POST or None, prefix="org", instance=member.organisation)
    failed = [member_form]

    def save() -> None:
        with transaction.atomic():  # both parts are saved, or neither
            services.member_update(actor=request.user, member=member, **member_form.cleaned_data)
            failed[0] = org_form
            org_services.organisation_update(
                actor=request.user, organisation=member.organisation, **org_form.cleaned_data
            )

    done = submit(
        request,
        [member_form, org_form],
        save,
        success=reverse("association:member", args=[member.pk]),
        message=lambda _r: _("Zapisano zmiany: %(m)s.") % {"m": member_form.cleaned_data["name"]},
        route_errors=lambda exc: apply_errors(failed[0], exc),
    )
    if done:
        return done
    return render(
        request,
        "staff/member_edit.html",
        {"member": member, "member_form": member_form, "org_form": org_form},
    )


@login_required
def membership_end(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    require(request.user, Perm.MEMBERS_EDIT)
    form = MembershipEndForm(request.POST or None)

    @transaction.atomic
    def end_membership() -> None:
        data = form.cleaned_data
        decision = None
        if data["decision_number"] or data["decision_date"]:
            decision = decision_reference_create(
                actor=request.user,
                issuer_kind="association_body",
                issuer_name="Rada Stowarzyszenia",
                number=data["decision_number"],
                date=data["decision_date"],
            )
        services.membership_end(
            actor=request.user, member=member, end=data["end"], left_by=decision, note=data["note"]
        )

    done = submit(
        request,
        form,
        end_membership,
        success=reverse("association:member", args=[member.pk]),
        message=_("Zapisano koniec członkostwa: %(m)s.") % {"m": member},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Koniec członkostwa: %(m)s"), m=member),
            "intro": _(
                "Członek pozostaje w historii; przestaje być wyświetlany na liście bieżących członków."
            ),
            "submit": _("Zapisz koniec członkostwa"),
            "back": ("association:member", member.pk),
        },
    )


@login_required
def organisations(request):
    query, kind = request.GET.get("q", "").strip(), request.GET.get("rodzaj", "")
    page = paginate(request, org_selectors.organisations_visible(user=request.user, query=query, kind=kind))
    return render(
        request,
        "staff/organisations.html",
        {"page": page, "query": query, "kind": kind, "kinds": Organisation.Kind.choices},
    )


@login_required
def organisation_detail(request, pk: int):
    org = org_selectors.organisation_get(user=request.user, pk=pk)
    return render(
        request, "staff/organisation_detail.html", {"org": org, "history": _history(request.user, org)}
    )


@login_required
def organisation_form(request, pk: int | None = None):
    org = org_selectors.organisation_get(user=request.user, pk=pk) if pk else None
    require(request.user, Perm.ORGANISATION_EDIT, organisation_id=pk)
    form = OrganisationForm(
        request.POST or None, instance=org, locked=org_services.locked_fields_for(request.user) if org else ()
    )

    def save() -> Organisation:
        if org:
            return org_services.organisation_update(actor=request.user, organisation=org, **form.cleaned_data)
        return org_services.organisation_create(actor=request.user, **form.cleaned_data)

    done = submit(
        request,
        form,
        save,
        success=lambda saved: reverse("association:organisation", args=[saved.pk]),
        message=lambda saved: _("Zapisano organizację %(o)s.") % {"o": saved},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Edycja: %(o)s"), o=org) if org else _("Nowa organizacja"),
            "submit": _("Zapisz"),
            "back": ("association:organisation", org.pk) if org else ("association:organisations", None),
        },
    )


@login_required
def people(request):
    query = request.GET.get("q", "").strip()
    page = paginate(request, selectors.people_visible(user=request.user, query=query))
    return render(request, "staff/people.html", {"page": page, "query": query})


@login_required
def person_detail(request, pk: int):
    person = get_object_or_404(selectors.people_visible(user=request.user), pk=pk)
    person = selectors.person_get(user=request.user, pk=person.pk)
    return render(
        request, "staff/person_detail.html", {"person": person, "history": _history(request.user, person)}
    )


@login_required
def person_form(request, pk: int | None = None):
    require(request.user, Perm.PEOPLE_EDIT)
    person = get_object_or_404(selectors.people_visible(user=request.user), pk=pk) if pk else None
    form = PersonForm(request.POST or None, instance=person)

    def save():
        if person:
            return services.person_update(actor=request.user, person=person, **form.cleaned_data)
        return services.person_create(actor=request.user, **form.cleaned_data)

    done = submit(
        request,
        form,
        save,
        success=lambda saved: reverse("association:person", args=[saved.pk]),
        message=_("Zapisano dane osoby."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Edycja danych osoby") if person else _("Nowa osoba"),
            "intro": _(
                "Wpisuj tylko dane potrzebne do pracy Stowarzyszenia (RODO): służbowy e-mail i telefon."
            ),
            "submit": _("Zapisz"),
            "back": ("association:person", person.pk) if person else ("association:people", None),
        },
    )


@login_required
def person_erase(request, pk: int):
    require(request.user, Perm.PEOPLE_ERASE)
    person = get_object_or_404(selectors.people_visible(user=request.user), pk=pk)
    form = PersonEraseForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.person_erase(actor=request.user, person=person, reason=form.cleaned_data["reason"]),
        success=reverse("association:person", args=[person.pk]),
        message=_("Dane osobowe usunięto; w historii organów pozostał pseudonim."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Usunięcie danych osoby na jej wniosek"),
            "intro": _(
                "Imię, nazwisko i dane kontaktowe zostaną zastąpione pseudonimem także w dzienniku zmian. "
                "Mandaty zostają, żeby historia organów była kompletna. Tej operacji nie da się cofnąć."
            ),
            "submit": _("Usuń dane osobowe"),
            "danger": True,
            "back": ("association:person", person.pk),
        },
    )


@login_required
def representation_add(request, pk: int):
    require(request.user, Perm.PEOPLE_EDIT)
    person = get_object_or_404(selectors.people_visible(user=request.user), pk=pk)
    form = RepresentationForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.representation_create(actor=request.user, person=person, **form.cleaned_data),
        success=reverse("association:person", args=[person.pk]),
        message=_("Dodano funkcję."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Funkcja u członka: %(p)s"), p=person),
            "submit": _("Dodaj"),
            "back": ("association:person", person.pk),
        },
    )


@login_required
def bodies(request):
    return render(request, "staff/bodies.html", {"bodies": selectors.bodies_for_staff(user=request.user)})


@login_required
def body_edit(request, pk: int | None = None):
    require(request.user, Perm.BODIES_EDIT)
    body = get_object_or_404(Body, pk=pk) if pk else None
    form = BodyForm(request.POST or None, instance=body)

    def save():
        if body:
            services.body_update(actor=request.user, body=body, **form.cleaned_data)
            return body
        return services.body_create(
            actor=request.user, slug=slugify(form.cleaned_data["name"]), **form.cleaned_data
        )

    done = submit(
        request,
        form,
        save,
        success=reverse("association:bodies"),
        message=lambda saved: _("Zapisano zasady organu %(b)s.") % {"b": saved},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Organ: %(b)s"), b=body) if body else _("Nowy organ"),
            "intro": _("Kworum i większość wynikają ze statutu; wpisz je tak, jak stanowi statut."),
            "submit": _("Zapisz"),
            "back": ("association:bodies", None),
        },
    )


@login_required
def mandate_add(request, pk: int):
    require(request.user, Perm.MANDATES_EDIT)
    body = get_object_or_404(Body, pk=pk)
    form = MandateForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.mandate_create(actor=request.user, body=body, **form.cleaned_data),
        success=reverse("association:bodies"),
        message=_("Dodano mandat w organie %(b)s.") % {"b": body},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Nowy mandat: %(b)s"), b=body),
            "submit": _("Dodaj mandat"),
            "back": ("association:bodies", None),
        },
    )


def _end_form(request, *, obj, perm: str, end_service, title: str, intro: str, back):
    require(request.user, perm)
    form = EndDateForm(request.POST or None, initial={"end": obj.end})
    done = submit(
        request,
        form,
        lambda: end_service(form.cleaned_data["end"]),
        success=reverse(back[0], args=[back[1]]) if back[1] is not None else reverse(back[0]),
        message=_("Zapisano datę zakończenia."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {"form": form, "title": title, "intro": intro, "submit": _("Zapisz"), "back": back},
    )


@login_required
def mandate_end(request, pk: int):
    mandate = get_object_or_404(Mandate.objects.select_related("person", "body"), pk=pk)
    return _end_form(
        request,
        obj=mandate,
        perm=Perm.MANDATES_EDIT,
        end_service=lambda end: services.mandate_end(actor=request.user, mandate=mandate, end=end),
        title=with_data(
            _("Koniec mandatu: %(m)s"),
            m=format_html(
                "{} – {}, {}",
                polish_data(str(mandate.person)),
                mandate.get_role_display(),
                polish_data(mandate.body.name),
            ),
        ),
        intro=_("Wpisz ostatni dzień mandatu, np. dzień odwołania, rezygnacji lub końca kadencji."),
        back=("association:bodies", None),
    )


@login_required
def representation_end(request, pk: int):
    representation = get_object_or_404(Representation.objects.select_related("person", "member"), pk=pk)
    return _end_form(
        request,
        obj=representation,
        perm=Perm.PEOPLE_EDIT,
        end_service=lambda end: services.representation_end(
            actor=request.user, representation=representation, end=end
        ),
        title=with_data(
            _("Koniec funkcji: %(r)s"),
            r=format_html(
                "{} – {} ({})",
                polish_data(str(representation.person)),
                representation.get_function_display(),
                polish_data(representation.member.name),
            ),
        ),
        intro=_("Wpisz ostatni dzień, w którym osoba pełniła tę funkcję."),
        back=("association:person", representation.person_id),
    )


@login_required
def profile_edit(request):
    require(request.user, Perm.MEMBERS_EDIT)
    profile = get_object_or_404(AssociationProfile)
    form = AssociationProfileForm(request.POST or None, instance=profile)
    done = submit(
        request,
        form,
        lambda: services.association_profile_update(actor=request.user, profile=profile, **form.cleaned_data),
        success=reverse("association:profile"),
        message=_("Zapisano dane Stowarzyszenia."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Dane Stowarzyszenia"),
            "intro": _(
                "Te dane widać na stronach „Kontakt” i „Deklaracja dostępności”. Wpisz je tak, "
                "jak w rejestrze i na oficjalnej stronie Stowarzyszenia."
            ),
            "submit": _("Zapisz"),
            "back": ("accounts:dashboard", None),
        },
    )
