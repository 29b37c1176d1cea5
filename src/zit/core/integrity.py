"""The daily integrity check of the audit log and the signed documents.

Once a day (`core.integrity_check`) the platform:
- checks that the database still refuses to change the audit log (zit.core.audit_guard's triggers in place);
- recomputes every event's digest: an event whose content no longer matches is reported, unless a recorded
  GDPR pseudonymisation (`core.audit_pseudonymise`) or a move of models to another app (`core.audit_relabel`,
  zit.core.model_moves) lists it and it matches its `redacted_digest`;
- walks the chain of seals (AuditSeal): an event removed, inserted or rewritten in a sealed range, or a seal
  changed, breaks the chain from that link on;
- seals the events written since the last seal (those older than SEAL_AFTER, so that a transaction still open
  when the check runs cannot slip in below a seal);
- recomputes the SHA-256 of every signed document's stored file (`signed_document_verify`) and compares the
  hash on the document with the one recorded in the audit log when it was uploaded.

The result is kept on the job, recorded as an audit event, shown on the office's dashboard
(core.selectors.integrity_status) and, when anything is wrong, e-mailed to the office administrators.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zit.core import audit, audit_guard, model_moves
from zit.core.formatting import format_datetime
from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import AuditEvent, AuditSeal, Job, SignedDocument
from zit.core.roles import Role

KIND = "core.integrity_check"
GENESIS = "0" * 64  # the "previous hash" of the first seal
SEAL_AFTER = dt.timedelta(hours=1)
MAX_LISTED = 50  # anomalies listed on the job and in the e-mail; the count is always complete


@dataclass(frozen=True)
class Anomaly:
    kind: str  # guard, event, seal, document
    message: str


def _link(previous: str, events: list[tuple[int, str]]) -> str:
    digest = hashlib.sha256(previous.encode())
    for event_id, event_digest in events:
        digest.update(f"\n{event_id}:{event_digest}".encode())
    return digest.hexdigest()


def _pseudonymised_ids() -> set[int]:
    """Events a recorded pseudonymisation or relabelling changed (both keep the original digest)."""
    ids: set[int] = set()
    rewrites = AuditEvent.objects.filter(action__in=[audit.PSEUDONYMISE_ACTION, model_moves.RELABEL_ACTION])
    for after in rewrites.values_list("after", flat=True):
        ids |= {int(i) for i in (after or {}).get("events", [])}
    return ids


def _event_anomaly(event: AuditEvent, pseudonymised: set[int]) -> Anomaly | None:
    actual = audit.event_digest(event)
    label = _("Zdarzenie audytu nr %(id)d (%(action)s, %(when)s)") % {
        "id": event.pk,
        "action": event.action,
        "when": format_datetime(event.created_at),
    }
    if event.redacted_digest:
        if event.pk not in pseudonymised:
            return Anomaly(
                "event",
                _("%(event)s zmieniono, a żadna pseudonimizacja ani zmiana nazw go nie obejmuje.")
                % {"event": label},
            )
        if actual != event.redacted_digest:
            return Anomaly(
                "event", _("%(event)s zmieniono po pseudonimizacji lub zmianie nazw.") % {"event": label}
            )
        return None
    if not event.digest:
        return Anomaly("event", _("%(event)s nie ma odcisku treści.") % {"event": label})
    if actual != event.digest:
        return Anomaly("event", _("%(event)s ma inną treść niż w chwili zapisu.") % {"event": label})
    return None


def _seal_anomaly(seal: AuditSeal, previous: str, events: list[tuple[int, str]]) -> Anomaly | None:
    broken = (
        seal.previous_hash != previous
        or seal.event_count != len(events)
        or (events and events[0][0] != seal.first_event_id)
        or _link(previous, events) != seal.hash
    )
    if not broken:
        return None
    return Anomaly(
        "seal",
        _(
            "Łańcuch dziennika audytu jest przerwany w pieczęci zdarzeń %(first)d–%(last)d: zdarzenie usunięto, "
            "dopisano z datą wsteczną albo zmieniono (w pieczęci %(sealed)d, teraz %(found)d)."
        )
        % {
            "first": seal.first_event_id,
            "last": seal.last_event_id,
            "sealed": seal.event_count,
            "found": len(events),
        },
    )


def audit_log_verify(*, seal_before: dt.datetime | None = None) -> dict[str, Any]:
    """Check the guards, every event and every seal in one pass in id order; with `seal_before`, append a seal
    over the unsealed events written before that time. Returns the anomalies and what was checked."""
    anomalies = [
        Anomaly("guard", _("W bazie brakuje zabezpieczenia dziennika audytu: %(name)s.") % {"name": name})
        for name in audit_guard.installed(connection)
    ]
    pseudonymised = _pseudonymised_ids()
    seals = list(AuditSeal.objects.order_by("last_event_id"))
    seal_index, previous, in_seal = 0, GENESIS, []
    unsealed: list[tuple[int, str, dt.datetime]] = []
    checked = 0
    fields = [
        "id",
        "digest",
        "redacted_digest",
        *("corrects" if f == "corrects_id" else f for f in audit.DIGEST_FIELDS),
    ]
    for event in AuditEvent.objects.order_by("id").only(*fields).iterator(chunk_size=2000):
        checked += 1
        if (problem := _event_anomaly(event, pseudonymised)) is not None:
            anomalies.append(problem)
        while seal_index < len(seals) and event.pk > seals[seal_index].last_event_id:
            if (problem := _seal_anomaly(seals[seal_index], previous, in_seal)) is not None:
                anomalies.append(problem)
            previous, in_seal, seal_index = seals[seal_index].hash, [], seal_index + 1
        if seal_index < len(seals):
            in_seal.append((event.pk, event.digest))
        else:
            unsealed.append((event.pk, event.digest, event.created_at))
    for seal in seals[seal_index:]:
        if (problem := _seal_anomaly(seal, previous, in_seal)) is not None:
            anomalies.append(problem)
        previous, in_seal = seal.hash, []
    new_seal = None
    if seal_before is not None:
        # the oldest run only: everything from the first event too recent to seal waits for the next check
        cut = next((i for i, row in enumerate(unsealed) if row[2] >= seal_before), len(unsealed))
        to_seal = [(pk, digest) for pk, digest, _at in unsealed[:cut]]
        if to_seal:
            new_seal = AuditSeal.objects.create(
                first_event_id=to_seal[0][0],
                last_event_id=to_seal[-1][0],
                event_count=len(to_seal),
                previous_hash=previous,
                hash=_link(previous, to_seal),
            )
    return {
        "anomalies": anomalies,
        "events": checked,
        "seals": len(seals),
        "sealed": (
            {"first": new_seal.first_event_id, "last": new_seal.last_event_id, "count": new_seal.event_count}
            if new_seal
            else None
        ),
        "head": new_seal.hash if new_seal else previous,
    }


def _upload_hashes() -> dict[str, str]:
    """The SHA-256 the audit log recorded for each signed document when its file was uploaded (the last one)."""
    hashes: dict[str, str] = {}
    events = (
        # an upload whose signature was found invalid stores the file too (the document stays open)
        AuditEvent.objects.filter(action__in=["signed_document.upload", "signed_document.upload_invalid"])
        .order_by("id")
        .values_list("object_id", "after")
    )
    for object_id, after in events:
        if (after or {}).get("signed_sha256"):
            hashes[object_id] = after["signed_sha256"]
    return hashes


def signed_documents_verify() -> tuple[int, list[Anomaly]]:
    from zit.core.signed import signed_document_verify

    recorded = _upload_hashes()
    anomalies, checked = [], 0
    for document in SignedDocument.objects.exclude(signed="").order_by("pk").iterator(chunk_size=500):
        checked += 1
        label = _("Dokument podpisany nr %(id)d „%(title)s”") % {"id": document.pk, "title": document.title}
        if not signed_document_verify(document=document):
            anomalies.append(
                Anomaly(
                    "document",
                    _("%(document)s: zapisany plik zmieniono albo go brakuje.") % {"document": label},
                )
            )
        expected = recorded.get(str(document.pk))
        if expected is None:
            anomalies.append(
                Anomaly(
                    "document",
                    _("%(document)s: w dzienniku audytu nie ma wgrania pliku.") % {"document": label},
                )
            )
        elif expected != document.signed_sha256:
            anomalies.append(
                Anomaly(
                    "document",
                    _("%(document)s: odcisk pliku w bazie różni się od zapisanego w dzienniku audytu.")
                    % {"document": label},
                )
            )
    return checked, anomalies


def _office_administrators_emails() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__role=Role.OFFICE_ADMIN)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def _notify(anomalies: list[Anomaly], total: int, job: Job) -> int:
    recipients = _office_administrators_emails()
    if not recipients:
        return 0
    lines = [f"- {a.message}" for a in anomalies[:MAX_LISTED]]
    if total > len(lines):
        lines.append(_("… i %(n)d innych.") % {"n": total - len(lines)})
    body = "\n".join(
        [
            _(
                "Codzienne sprawdzenie spójności platformy wykryło nieprawidłowości (%(n)d). Może to oznaczać, że "
                "ktoś zmienił dziennik audytu albo podpisany dokument z pominięciem platformy. Sprawdź je i powiadom "
                "administratora serwera."
            )
            % {"n": total},
            "",
            *lines,
            "",
            _("Zadanie nr %(id)d.") % {"id": job.pk},
        ]
    )
    EmailMessage(
        _("Platforma ZIT: nieprawidłowości w dzienniku audytu lub dokumentach"),
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    ).send(fail_silently=False)
    return len(recipients)


@job_handler(
    KIND, title="Sprawdzenie spójności dziennika audytu i podpisanych dokumentów", every=dt.timedelta(days=1)
)
def integrity_check_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    with transaction.atomic():
        log = audit_log_verify(seal_before=timezone.now() - SEAL_AFTER)
    progress(1, 2, "")
    documents, document_anomalies = signed_documents_verify()
    anomalies = log["anomalies"] + document_anomalies
    outcome = {
        "events": log["events"],
        "seals": log["seals"],
        "sealed": log["sealed"],
        "head": log["head"],
        "documents": documents,
        "anomaly_count": len(anomalies),
        "anomalies": [asdict(a) for a in anomalies[:MAX_LISTED]],
    }
    with transaction.atomic():
        audit.record(actor=None, action=KIND, obj=job, after=outcome)
    if anomalies:
        try:
            outcome["notified"] = _notify(anomalies, len(anomalies), job)
        except OSError as exc:  # the anomalies stay on the job and the dashboard
            outcome["notified"] = 0
            outcome["notify_error"] = str(exc)
        message = ngettext(
            "Wykryto %(n)d nieprawidłowość w dzienniku audytu lub podpisanych dokumentach.",
            "Wykryto nieprawidłowości w dzienniku audytu lub podpisanych dokumentach: %(n)d.",
            len(anomalies),
        ) % {"n": len(anomalies)}
    else:
        message = _(
            "Dziennik audytu (zdarzeń: %(events)d) i podpisane dokumenty (%(documents)d) są nienaruszone."
        ) % {
            "events": log["events"],
            "documents": documents,
        }
    progress(2, 2, "")
    return outcome | {"message": message}
