"""Area import as a background job: uploaded files are parsed and applied with progress reported; files
that are refused are deleted with their folder."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage

from zit.core.importing import ImportRejected
from zit.core.jobs import JobFailed, ProgressFn, job_handler
from zit.core.models import Job
from zit.territory.importers import parse_area
from zit.territory.services import area_import


def _read(entry: dict[str, str]) -> tuple[str, bytes]:
    """An uploaded file as the office named it and its content, read through the storage the web server
    saved it to (the worker may run on another machine)."""
    with default_storage.open(entry["stored"], "rb") as stored:
        return entry["name"], stored.read()


def _discard(params: dict[str, Any]) -> None:
    """The refused files leave the storage: nothing of a refused import stays on the server."""
    for entry in [*params["geojson"], *([params["csv"]] if params.get("csv") else [])]:
        default_storage.delete(entry["stored"])


@job_handler("territory.area_import", title="Import obszaru")
def run_area_import(job: Job, progress: ProgressFn) -> dict[str, Any]:
    params = job.params
    actor = get_user_model().objects.get(pk=job.created_by_id)
    geojson = [_read(entry) for entry in params["geojson"]]
    csv_file = _read(params["csv"]) if params.get("csv") else None
    progress(0, 1, "Sprawdzanie plików")
    try:
        parsed = parse_area(geojson, csv_file)
    except ImportRejected as exc:
        _discard(params)
        raise JobFailed(
            "Nic nie zapisano: pliki mają błędy.", {"problems": [str(p) for p in exc.report.problems]}
        ) from exc
    summary = area_import(
        actor=actor,
        parsed=parsed,
        area_code=params["code"],
        area_name=params["name"],
        valid_from=dt.date.fromisoformat(params["valid_from"]),
        legal_basis={
            "issuer_kind": "voivodeship_board",
            "issuer_name": "Zarząd Województwa",
            "number": params.get("resolution_number", ""),
            "date": dt.date.fromisoformat(params["resolution_date"])
            if params.get("resolution_date")
            else None,
        },
        geometry_source=params.get("source", ""),
        progress=progress,
    )
    return summary.as_dict()
