"""The lifecycles of core's own objects: a signed document (a draft to sign, then the signed file, locked for
good) and a background job (queued, running, then succeeded or failed), whose moves the worker makes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zit.core.lifecycle import SYSTEM, Lifecycle, Role, Transition, register
from zit.core.models import Job, SignedDocument
from zit.core.roles import Perm, has_perm

# --- a signed document


class SignedState(models.TextChoices):
    DRAFT = "draft", _("projekt do podpisu")
    SIGNED = "signed", _("podpisany i zablokowany")


def signed_state(document: SignedDocument) -> str:
    """A document is signed once its signed file is uploaded, which locks it."""
    return SignedState.SIGNED if document.locked else SignedState.DRAFT


@dataclass(frozen=True)
class DocumentWriter(Role):
    """Whoever holds the document's own write permission (`write_perm`), in its organisation when it has one:
    the app that generates the document decides who that is."""

    def allows(self, actor: Any, obj: Any) -> bool:
        if actor is None:
            return True
        return has_perm(actor, obj.write_perm, organisation_id=obj.organisation_id)


WRITER = DocumentWriter(
    "writer", _("ten, kto może wgrać dokument (uprawnienie dokumentu)"), perm="write_perm"
)

OVERRIDER = Role(
    "office_override", _("administrator biura (blokada mimo nieważnego podpisu)"), perm=Perm.AUDIT_CORRECT
)


def _invalid_signature_uploaded(document: SignedDocument, context: Any) -> str:
    """Tylko wgrany plik, którego podpis okazał się nieważny (ważny podpis i skan blokują dokument same)."""
    if not document.lock_overridable:
        return str(_("Zablokować z podaniem powodu można tylko wgrany dokument z nieważnym podpisem."))
    return ""


SIGNED_DOCUMENT = register(
    Lifecycle(
        key="core.signed_document",
        label=_("Dokument podpisywany"),
        model="core.SignedDocument",
        states=SignedState,
        initial=SignedState.DRAFT,
        final=frozenset({SignedState.SIGNED}),
        derive=signed_state,
        description=_(
            "Platforma generuje projekt, ludzie podpisują go poza nią, a wgrany podpisany plik zostaje zapisem: "
            "od tej chwili dokumentu nie można zmienić ani usunąć."
        ),
        transitions=(
            Transition(
                "regenerate",
                (SignedState.DRAFT,),
                SignedState.DRAFT,
                _("Wygeneruj projekt ponownie"),
                (WRITER,),
                automatic=True,  # the owning app regenerates it from its own page
                audit_action="signed_document.draft",
            ),
            Transition(
                "upload",
                (SignedState.DRAFT,),
                SignedState.SIGNED,
                _("Wgraj podpisany dokument"),
                (WRITER,),
                form=True,  # the upload page
                audit_action="signed_document.upload",
            ),
            Transition(
                "upload_invalid",
                (SignedState.DRAFT,),
                SignedState.DRAFT,
                _("Wgraj dokument z nieważnym podpisem (bez blokady)"),
                (WRITER,),
                automatic=True,  # the upload, when the check finds the signature invalid
                audit_action="signed_document.upload_invalid",
            ),
            Transition(
                "lock_override",
                (SignedState.DRAFT,),
                SignedState.SIGNED,
                _("Zablokuj mimo nieważnego podpisu"),
                (OVERRIDER,),
                guards=(_invalid_signature_uploaded,),
                reason_required=True,
                reason_prompt=_("Podaj powód zablokowania dokumentu mimo nieważnego podpisu."),
                form=True,
                danger=True,
                audit_action="signed_document.lock_override",
            ),
        ),
    )
)


# --- a background job

J = Job.Status

JOB = register(
    Lifecycle(
        key="core.job",
        label=_("Zadanie w tle"),
        model="core.Job",
        states=Job.Status,
        initial=J.QUEUED,
        field="status",
        final=frozenset({J.SUCCEEDED, J.FAILED}),
        description=_(
            "Zadanie czeka w kolejce, aż proces zadań w tle je podejmie (raz, nawet gdy kolejka poda je dwa "
            "razy), i kończy się powodzeniem albo błędem. Zadanie, którego proces przestał dawać sygnał pracy, "
            "zostaje przerwane z podaniem przyczyny."
        ),
        transitions=(
            Transition("claim", (J.QUEUED,), J.RUNNING, _("Podjęcie"), (SYSTEM,), automatic=True),
            Transition("succeed", (J.RUNNING,), J.SUCCEEDED, _("Zakończenie"), (SYSTEM,), automatic=True),
            Transition("fail", (J.RUNNING,), J.FAILED, _("Błąd"), (SYSTEM,), automatic=True),
            Transition(
                "reap",
                (J.RUNNING,),
                J.FAILED,
                _("Przerwanie po utracie sygnału pracy"),
                (SYSTEM,),
                automatic=True,
                audit_action="job.reaped",
            ),
        ),
    )
)


def job_move(job_id: int, name: str, *, extra: Any = None, **fields: Any) -> bool:
    """Make a job's move the way a job needs it: one conditional update from the transition's sources to its
    target, so that of two workers (or a worker and the reaper) exactly one wins. `extra` narrows the rows
    (a Q, e.g. a late heartbeat). Whether this call made the move."""
    t = JOB.transition(name)
    rows = Job.objects.filter(pk=job_id, status__in=t.sources)
    if extra is not None:
        rows = rows.filter(extra)
    if t.target in JOB.final and "finished_at" not in fields:
        fields["finished_at"] = timezone.now()
    return bool(rows.update(status=t.target, **fields))
