"""The office's pages for a version's procedure: its steps with their legal basis and the terms the law sets,
the letters to each addressee, the package for the art. 34 opinions, and a new version that answers a
negative opinion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zit.core import form_flow
from zit.core.formatting import with_data
from zit.core.roles import Perm, require
from zit.core.services import decision_reference_create
from zit.strategy import selectors
from zit.strategy.forms import LetterForm, ProcedureStartForm, ProcedureStepForm
from zit.strategy.models import ProcedureLetter, ProcedureStep
from zit.strategy.procedure import answering_version_create, procedure_start, procedure_step_save
from zit.strategy.procedure_letters import letter_delete, letter_save
from zit.strategy.procedure_rules import ACTS, CONSULTATION_MIN_DAYS
from zit.strategy.views import staff_version, version_url


@login_required
def procedure(request, pk: int):
    version = staff_version(request, pk)
    start_form = ProcedureStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(request.user, Perm.STRATEGY_EDIT)
        if start_form.is_valid():
            try:
                procedure_start(
                    actor=request.user, version=version, sea_waiver=start_form.cleaned_data["sea_waiver"]
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        return redirect("strategy:procedure", pk=version.pk)
    states = selectors.procedure_states(version)
    return render(
        request,
        "staff/strategy_procedure.html",
        {
            "version": version,
            "states": states,
            "min_days": CONSULTATION_MIN_DAYS,
            "start_form": start_form,
            "has_letters": any(s.letters for s in states),
            "acts": [(str(short), str(full)) for short, full in ACTS.values()],
        },
    )


@login_required
def procedure_step(request, pk: int, step_pk: int | None = None):
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    step = get_object_or_404(ProcedureStep, pk=step_pk, version=version) if step_pk else None
    form = ProcedureStepForm(request.POST or None, request.FILES or None, instance=step)

    @transaction.atomic  # the resolution and the step stand or fall together
    def save():
        data = dict(form.cleaned_data)
        number, date, body = (data.pop(n) for n in ("decision_number", "decision_date", "decision_body"))
        if number and (step is None or step.decision is None or step.decision.number != number):
            data["decision"] = decision_reference_create(
                actor=request.user,
                issuer_kind="association_body"
                if "stowarzysz" in body.lower() or "rada" in body.lower()
                else "other",
                issuer_name=body,
                kind="uchwała" if "rada" in body.lower() else "decyzja lub opinia",
                number=number,
                date=date,
            )
        return procedure_step_save(actor=request.user, version=version, step=step, **data)

    done = form_flow.submit(
        request,
        form,
        save,
        success=reverse("strategy:procedure", args=[version.pk]),
        message=_("Zapisano krok procedury."),
    )
    if done:
        return done
    from zit.strategy.procedure_rules import rule

    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Krok procedury: %(s)s"), s=step) if step else _("Nowy krok procedury"),
            "intro": _("Podstawa prawna: %(b)s (%(s)s).")
            % {"b": rule(step.kind).basis, "s": rule(step.kind).status_text}
            if step
            else "",
            "submit": _("Zapisz"),
            "back": ("strategy:procedure", version.pk),
        },
    )


@login_required
def letter(request, pk: int, step_pk: int, letter_pk: int | None = None):
    """A letter to one addressee of a step: sent, received (which starts the term), answered."""
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    step = get_object_or_404(ProcedureStep, pk=step_pk, version=version)
    instance = get_object_or_404(ProcedureLetter, pk=letter_pk, step=step) if letter_pk else None
    if request.method == "POST" and request.POST.get("delete") and instance is not None:
        with transaction.atomic():
            letter_delete(actor=request.user, letter=instance)
        messages.success(request, _("Usunięto pismo z korespondencji."))
        return redirect("strategy:procedure", pk=version.pk)
    form = LetterForm(request.POST or None, request.FILES or None, instance=instance)
    done = form_flow.submit(
        request,
        form,
        lambda: letter_save(actor=request.user, step=step, letter=instance, **form.cleaned_data),
        success=reverse("strategy:procedure", args=[version.pk]) + f"#krok-{step.pk}",
        message=_("Zapisano pismo."),
    )
    if done:
        return done
    from zit.strategy.procedure_rules import rule

    step_rule = rule(step.kind)
    intro = with_data(_("Korespondencja w kroku: %(s)s."), s=step)
    if step_rule.anchor == "received":
        intro = _(
            "%(i)s Termin adresata: %(n)d dni od doręczenia (%(b)s); dzień doręczenia się nie liczy, a termin "
            "kończący się w sobotę lub święto przesuwa się na następny dzień roboczy (art. 111 i 115 Kodeksu "
            "cywilnego)."
        ) % {"i": intro, "n": step_rule.days, "b": step_rule.basis}
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Pismo w procedurze")
            if instance is None
            else with_data(_("Pismo: %(a)s"), a=instance),
            "intro": intro,
            "submit": _("Zapisz"),
            "back": ("strategy:procedure", version.pk),
        },
    )


@login_required
def package(request, pk: int):
    """The ZIP for the managing authority and the minister: the text, the resolution, the procedure's
    documents and the cover letter listing them."""
    require(request.user, Perm.STRATEGY_VIEW)
    from zit.strategy.procedure_package import package_zip

    version = staff_version(request, pk)
    response = HttpResponse(package_zip(version), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="strategia-wersja-{version.number}-pakiet.zip"'
    return response


@login_required
def answering_version(request, pk: int, step_pk: int):
    """A negative opinion opens a new version that answers it (POST)."""
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    step = get_object_or_404(ProcedureStep, pk=step_pk, version=version)
    if request.method != "POST":
        return redirect("strategy:procedure", pk=version.pk)
    try:
        new = answering_version_create(actor=request.user, step=step)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("strategy:procedure", pk=version.pk)
    messages.success(request, _("Utworzono wersję nr %(n)d, która odpowiada na opinię.") % {"n": new.number})
    return redirect(version_url(new))


@login_required
def step_file(request, pk: int):
    """The document proving a procedure step (a resolution, an opinion): for the office and the bodies."""
    require(request.user, Perm.STRATEGY_VIEW)
    step = get_object_or_404(ProcedureStep, pk=pk)
    if not step.document:
        raise Http404
    return FileResponse(
        step.document.open("rb"), as_attachment=True, filename=step.document.name.rsplit("/", 1)[-1]
    )


@login_required
def letter_file(request, pk: int, which: str):
    """A letter of the procedure or its answer."""
    require(request.user, Perm.STRATEGY_VIEW)
    letter_obj = get_object_or_404(ProcedureLetter, pk=pk)
    stored = {"pismo": letter_obj.sent_document, "odpowiedz": letter_obj.answer_document}.get(which)
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
