"""Property-based check of the JSON API against its own OpenAPI document (schemathesis): for every GET
operation, a few generated requests with valid parameters (enums, bounds, path values) must never answer 5xx,
and every answer (200, 404, 422, problems included) must have a status, a media type and a body the document
describes. Bounded: a few examples per operation, no shrinking, derandomised, so a run takes seconds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 10  # per operation


def _catalogue() -> None:
    """A few rows so the lists answer with results, not only empty pages."""
    from zit.opendata.models import CatalogueProject

    CatalogueProject.objects.create(
        key="droga-slesin",
        title="Przebudowa drogi gminnej w Ślesinie",
        beneficiary="Gmina Ślesin",
        status=CatalogueProject.Status.RUNNING,
        fund="EFRR",
        measure="3.2",
        year=2025,
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2026, 6, 30),
        total_pln=Decimal("1000000.00"),
        eu_pln=Decimal("850000.00"),
        lon=18.3,
        lat=52.37,
        is_demo=True,
    )
    CatalogueProject.objects.create(
        key="sciezka", title="Ścieżka rowerowa", status=CatalogueProject.Status.LISTED, is_demo=True
    )


@pytest.fixture
def api_schema(live_server, transactional_db):
    _catalogue()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    schema.config.update(base_url=live_server.url)
    return schema.include(method="GET")


def test_every_get_operation_answers_as_its_document_says(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    failures: list[str] = []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(checks=CHECKS)

        try:
            check()
        except Exception as failure:  # noqa: BLE001 - every operation's failure is reported together
            failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)
