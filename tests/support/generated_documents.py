"""Every kind of document the platform generates for people, made from the demo data: the DOCX drafts
(resolutions, minutes, opinions, decisions and letters, reports), the XLSX sheets (lists, registers, rankings,
reports, exports, import templates), the tagged PDFs and the e-mails. tests/core/test_documents_open_in_libreoffice.py
opens the DOCX and XLSX in LibreOffice and reads all of them; a new document kind belongs here.

`generate(user)` needs the demo platform loaded by `load()` and MEDIA_ROOT pointing at a temporary directory.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


@dataclass
class Generated:
    name: str  # the file's name: its extension says what it is (.docx, .xlsx, .pdf, .txt for an e-mail)
    content: bytes
    expected: list[str] = field(
        default_factory=list
    )  # text a reader must find in it (Polish letters included)
    max_pages: int = 40  # when converted to PDF: more pages means a broken layout (a table one cell a page)
    data: bool = False  # an open-data set for programs as much as for people: its dates are ISO 8601

    @property
    def kind(self) -> str:
        return self.name.rsplit(".", 1)[-1]


def load() -> None:
    """The demo platform with what the documents need: the association, the strategy, meetings and
    resolutions, project cards with opinions, the list and the contracts, the assessment, requests for public
    information with a complaint, the fee rule."""
    from support.demo_objects import load_platform
    from zit.assessment.demo import load_assessment_demo
    from zit.fees.demo import load_fees_demo
    from zit.governance.demo import load_governance_demo
    from zit.projects.demo import load_project_demo
    from zit.public_information.demo import load_requests_demo

    load_platform()
    load_governance_demo()
    load_project_demo()
    load_requests_demo()
    load_assessment_demo()
    load_fees_demo()


def _governance() -> list[Generated]:
    from zit.governance.documents import minutes_docx, minutes_pdf, resolution_docx
    from zit.governance.invitations import invitations
    from zit.governance.models import Meeting, Resolution

    resolution = Resolution.objects.filter(status="adopted").order_by("pk").first()
    meeting = Meeting.objects.filter(is_demo=True, status="closed").order_by("pk").first()
    invitation = invitations(meeting)[0]
    return [
        Generated(
            "uchwala.docx",
            resolution_docx(resolution),
            ["Uchwała", "postanawia, co następuje", "wchodzi w życie"],
        ),
        Generated("protokol.docx", minutes_docx(meeting), ["Protokół", "Lista obecności i kworum"]),
        Generated("protokol.pdf", minutes_pdf(meeting), ["Protokół", "Porządek obrad"]),
        Generated(
            "zaproszenie.txt", f"{invitation.subject}\n{invitation.body}".encode(), ["Szanowni Państwo"]
        ),
    ]


def _projects() -> list[Generated]:
    from zit.projects.list_io import list_xlsx
    from zit.projects.lists import ListVersion
    from zit.projects.models import ComplianceOpinion
    from zit.projects.opinion_documents import cover_letter_docx, opinion_docx

    opinion = ComplianceOpinion.objects.filter(state="issued").order_by("pk").first()
    version = ListVersion.objects.filter(status="approved").order_by("pk").first()
    return [
        Generated("opinia.docx", opinion_docx(opinion), ["Opinia nr", "o zgodności projektu ze Strategią"]),
        Generated("pismo-przewodnie-opinii.docx", cover_letter_docx(opinion), ["Konin, dnia"]),
        Generated("lista-projektow.xlsx", list_xlsx(version), ["Lista", "Kurs"]),
    ]


def _assessment(user: Any) -> list[Generated]:
    from zit.assessment import selectors
    from zit.assessment.exports import ranking_xlsx
    from zit.projects.models import Round

    round = Round.objects.get(number="1/2025")
    criteria_set = selectors.criteria_set_of(user=user, round=round)
    rows = selectors.results(user=user, round=round)
    content = ranking_xlsx(round=round, criteria=list(criteria_set.criteria.all()), rows=rows)
    return [Generated("ranking.xlsx", content, ["Ranking"])]


def _contracts() -> list[Generated]:
    from zit.contracts.models import Reconciliation
    from zit.contracts.published import full_xlsx
    from zit.contracts.reconciliation import differences_xlsx

    return [
        Generated("roznice-z-iz.xlsx", differences_xlsx(Reconciliation.objects.get()), ["Wyjaśnienie"]),
        Generated("wykaz-projektow.xlsx", full_xlsx().read_bytes(), ["Nazwa beneficjenta"]),
    ]


def _monitoring() -> list[Generated]:
    from zit.monitoring.agreement_reports import report_data, report_docx, report_xlsx
    from zit.monitoring.documents import annual_report_docx, annual_report_pdf
    from zit.monitoring.midterm import midterm_data, midterm_docx
    from zit.monitoring.snapshot import snapshot_build

    today = timezone.localdate()
    snapshot = snapshot_build(year=today.year)
    agreement = report_data(start=dt.date(today.year, 1, 1), end=today)
    midterm = midterm_data()
    return [
        Generated("sprawozdanie-roczne.docx", annual_report_docx(snapshot), ["Stan danych na"]),
        Generated("sprawozdanie-roczne.pdf", annual_report_pdf(snapshot), ["stan danych na"]),
        Generated("sprawozdanie-z-porozumienia.docx", report_docx(agreement), ["Okres sprawozdawczy"]),
        Generated(
            "sprawozdanie-z-porozumienia-tabele.xlsx", report_xlsx(agreement), ["Sprawozdanie z realizacji"]
        ),
        Generated("ewaluacja-srodokresowa.docx", midterm_docx(midterm), ["Ewaluacja śródokresowa"]),
    ]


def _strategy() -> list[Generated]:
    from zit.strategy.documents import (
        consultation_report_docx,
        consultation_report_pdf,
        strategy_docx,
        strategy_pdf,
    )
    from zit.strategy.importers import template_xlsx
    from zit.strategy.models import StrategyVersion
    from zit.strategy.procedure_package import cover_docx, package_files

    version = StrategyVersion.objects.order_by("pk").first()
    return [
        Generated("strategia.docx", strategy_docx(version), ["Strategia"], max_pages=200),
        Generated("strategia-pdf.pdf", strategy_pdf(version), ["Strategia"]),
        Generated("raport-z-konsultacji.docx", consultation_report_docx(version), ["Raport z konsultacji"]),
        Generated("raport-z-konsultacji.pdf", consultation_report_pdf(version), ["Raport z konsultacji"]),
        Generated(
            "pismo-do-opinii.docx", cover_docx(version, package_files(version)), ["Przebieg procedury"]
        ),
        Generated("wzor-strategii.xlsx", template_xlsx(), []),
    ]


def _public_information() -> list[Generated]:
    from zit.public_information.models import InactionComplaint
    from zit.public_information.remedy_documents import (
        complaint_answer_docx,
        complaint_cover_letter_docx,
        reconsideration_decision_docx,
    )
    from zit.public_information.reminders import reminder_text, request_deadline

    complaint = InactionComplaint.objects.filter(request__is_demo=True).order_by("pk").first()
    request = complaint.request
    subject, body = reminder_text([request_deadline(request)], request.received_on)
    return [
        Generated(
            "decyzja-po-ponownym.docx", reconsideration_decision_docx(request), ["DECYZJA", "Pouczenie"]
        ),
        Generated("odpowiedz-na-skarge.docx", complaint_answer_docx(complaint), ["ODPOWIEDŹ NA SKARGĘ"]),
        Generated("przekazanie-skargi.docx", complaint_cover_letter_docx(complaint), ["Przekazanie skargi"]),
        Generated("przypomnienie-o-terminach.txt", f"{subject}\n{body}".encode(), ["Termin mija"]),
    ]


def _registers(user: Any) -> list[Generated]:
    """The sheets made by the common table export: the register of requests for public information."""
    from django.test import RequestFactory

    from zit.public_information.views import register_export

    request = RequestFactory().get("/")
    request.user = user
    year = timezone.localdate().year
    content = register_export(request, year, "xlsx").content
    return [Generated("rejestr-wnioskow.xlsx", content, ["Znak sprawy", "Stan na"])]


def _privacy(user: Any) -> list[Generated]:
    """The register of processing activities, as the office downloads it (DOCX and the sheet)."""
    from django.test import RequestFactory

    from zit.association.selectors import letterhead_lines
    from zit.privacy import selectors
    from zit.privacy.exports import register_docx
    from zit.privacy.views import export

    entries = list(selectors.activities(user=user))
    request = RequestFactory().get("/")
    request.user = user
    return [
        Generated(
            "rejestr-czynnosci-przetwarzania.docx",
            register_docx(entries, controller=selectors.controller(), letterhead=letterhead_lines()),
            ["Rejestr czynności przetwarzania", "Wnioski o udostępnienie informacji publicznej"],
        ),
        Generated("rejestr-czynnosci-przetwarzania-arkusz.xlsx", export(request, "xlsx").content, ["Cel"]),
    ]


def _records() -> list[Generated]:
    """The yearly disposal list (DOCX to sign and the sheet) and the destruction protocol, for a year far
    enough ahead that the demo's records have passed their retention."""
    from zit.records.documents import disposal_list_docx, disposal_list_xlsx, protocol_docx
    from zit.records.services import disposal_list_create

    later = timezone.localdate().replace(month=1, day=15) + dt.timedelta(days=12 * 366)
    disposal = disposal_list_create(actor=None, year=later.year, today=later)
    return [
        Generated(
            "spis-do-brakowania.docx", disposal_list_docx(disposal), ["Spis dokumentacji niearchiwalnej"]
        ),
        Generated("spis-do-brakowania-arkusz.xlsx", disposal_list_xlsx(disposal).content, ["Symbol"]),
        Generated("protokol-brakowania.docx", protocol_docx(disposal), ["Protokół brakowania"]),
    ]


def _open_data() -> list[Generated]:
    from zit.funding.indicator_names import template_xlsx as indicator_template
    from zit.opendata.exports import TABLES, xlsx_write
    from zit.social_economy.importers import template_xlsx as entity_template

    out = io.BytesIO()
    xlsx_write(TABLES["czlonkowie"], out)
    return [
        Generated("dane-czlonkowie.xlsx", out.getvalue(), ["Członek"], data=True),
        Generated("wzor-nazw-wskaznikow.xlsx", indicator_template(), []),
        Generated("wzor-podmiotow-es.xlsx", entity_template(), []),
    ]


def _fees(user: Any) -> list[Generated]:
    from zit.association.models import Member
    from zit.fees.accounts import balances, statement_pdf
    from zit.fees.demo import demo_rule
    from zit.fees.reminders import message_for

    member = Member.objects.order_by("pk").first()
    documents = [Generated("zestawienie-skladek.pdf", statement_pdf(user=user, member=member), [member.name])]
    owing = [b for b in balances(user=user, year=demo_rule().year) if b.assessment]
    if owing:
        reminder = message_for(owing[0], "", [])
        documents.append(
            Generated("przypomnienie-o-skladce.txt", f"{reminder.subject}\n{reminder.body}".encode())
        )
    return documents


def generate(user: Any) -> list[Generated]:
    """Every document kind, made as the office's `user` would download it."""
    makers: list[Callable[[], list[Generated]]] = [
        _governance,
        _projects,
        lambda: _assessment(user),
        _contracts,
        _monitoring,
        _strategy,
        _public_information,
        lambda: _registers(user),
        lambda: _privacy(user),
        _records,
        _open_data,
        lambda: _fees(user),
    ]
    return [document for make in makers for document in make()]
