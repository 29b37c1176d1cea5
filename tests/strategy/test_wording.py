"""Words that follow the state: a consultation runs ("trwają") or ran ("trwały"), and a version is called what
its state makes it (projekt do konsultacji, obowiązująca, przyjęta uchwałą …) wherever it is shown, whatever
description was typed when it was created."""

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from strategy.test_consultation import consulted, staff  # noqa: F401
from zit.core.models import DecisionReference
from zit.strategy.documents import consultation_report_docx, strategy_docx
from zit.strategy.models import StrategyVersion


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _move(version: StrategyVersion, **fields) -> StrategyVersion:
    # the dates and state as they stand some time later; the services' own rules are tested elsewhere
    StrategyVersion.objects.filter(pk=version.pk).update(**fields)
    return StrategyVersion.objects.select_related("adopted_by", "strategy").get(pk=version.pk)


def _adopt(version: StrategyVersion) -> StrategyVersion:
    today = timezone.localdate()
    decision = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Walne Zebranie Członków",
        number="12/2026",
        date=today - dt.timedelta(days=2),
    )
    return _move(
        version,
        status=StrategyVersion.Status.ADOPTED,
        adopted_by=decision,
        consultation_opens=today - dt.timedelta(days=60),
        consultation_closes=today - dt.timedelta(days=10),
    )


def test_a_running_consultation_runs_and_a_closed_one_ran(consulted):  # noqa: F811
    today = timezone.localdate()
    running = _docx_text(consultation_report_docx(consulted))
    assert "Konsultacje trwają od" in running and "trwały" not in running
    assert consulted.consultation_wording.startswith("Konsultacje trwają od")

    closed = _move(
        consulted,
        consultation_opens=today - dt.timedelta(days=50),
        consultation_closes=today - dt.timedelta(days=5),
    )
    text = _docx_text(consultation_report_docx(closed))
    assert "Konsultacje trwały od" in text and "trwają" not in text

    planned = _move(
        consulted,
        consultation_opens=today + dt.timedelta(days=5),
        consultation_closes=today + dt.timedelta(days=45),
    )
    assert planned.consultation_wording.startswith("Konsultacje odbędą się od")

    withdrawn = _move(
        consulted,
        status=StrategyVersion.Status.WITHDRAWN,
        consultation_opens=today - dt.timedelta(days=20),
        consultation_closes=today + dt.timedelta(days=20),
        consultation_withdrawn_on=today - dt.timedelta(days=3),
    )
    assert "trwały od" in withdrawn.consultation_wording and "wycofano" in withdrawn.consultation_wording


def test_a_version_is_called_what_its_state_makes_it(consulted):  # noqa: F811
    version = _move(consulted, label="projekt do konsultacji")
    assert version.state_label == "projekt do konsultacji"
    assert _move(version, status=StrategyVersion.Status.DRAFT).state_label.startswith("projekt")
    adopted = _adopt(version)
    assert adopted.state_label.startswith("obowiązująca, przyjęta uchwałą nr 12/2026 z ")
    superseded = _move(adopted, status=StrategyVersion.Status.SUPERSEDED)
    assert superseded.state_label.startswith("przyjęta uchwałą nr 12/2026")
    assert superseded.state_label.endswith("zastąpiona nowszą wersją")


def test_an_adopted_version_no_longer_reads_as_a_draft_for_consultation(consulted, staff):  # noqa: F811
    # the description typed when the version went to consultation stays; the pages word the state themselves
    adopted = _adopt(_move(consulted, label="projekt do konsultacji"))
    public = Client().get(reverse("portal:strategy")).content.decode()
    lead = public.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert "obowiązująca, przyjęta uchwałą nr 12/2026" in lead and "projekt do konsultacji" not in lead
    assert "Konsultacje trwały od" in lead

    client = Client()
    client.force_login(staff)
    page = client.get(reverse("strategy:version", args=[adopted.pk])).content.decode()
    lead = page.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert (
        lead.startswith("Obowiązująca, przyjęta uchwałą nr 12/2026") and "projekt do konsultacji" not in lead
    )
    versions = client.get(reverse("strategy:versions")).content.decode()
    assert "obowiązująca" in versions

    document = _docx_text(strategy_docx(adopted))
    assert f"Wersja {adopted.number}: obowiązująca, przyjęta uchwałą nr 12/2026" in document
    assert "projekt do konsultacji" not in document


def test_the_version_in_consultation_is_the_draft_for_consultation_on_the_public_page(consulted):  # noqa: F811
    version = _move(consulted, label="aktualizacja 2026")
    html = Client().get(reverse("portal:strategy"), {"wersja": version.number}).content.decode()
    lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert f"Wersja {version.number}: projekt do konsultacji." in lead and "Konsultacje trwają od" in lead


def test_the_annual_report_names_the_version_by_its_state(consulted):  # noqa: F811
    from zit.monitoring.snapshot import snapshot_build

    # while an update is in consultation, the report names the version in force (the adopted demo one)
    in_consultation = snapshot_build(year=timezone.localdate().year)["strategy_version"]
    assert "obowiązująca, przyjęta uchwałą nr 3/2024 (demo)" in in_consultation
    _adopt(_move(consulted, label="projekt do konsultacji"))
    adopted = snapshot_build(year=timezone.localdate().year)["strategy_version"]
    assert "obowiązująca, przyjęta uchwałą nr 12/2026" in adopted and "projekt do konsultacji" not in adopted
