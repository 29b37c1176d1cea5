"""The ranking as an XLSX workbook for the office: the same rows and figures as the page, Polish headings."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zit.assessment import scoring
from zit.assessment.models import Criterion
from zit.core.exports import spreadsheet_row, widen_for_values
from zit.projects.models import Round


def _status(row: scoring.CardResult) -> str:
    if row.status != scoring.COMPLETE:
        return _("potrzebny trzeci oceniający") if row.third_missing else _("ocena niezakończona")
    return _("pozytywna") if row.passed else _("negatywna")


def ranking_xlsx(*, round: Round, criteria: Sequence[Criterion], rows: Sequence[scoring.CardResult]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("ranking")
    sheet.append(
        spreadsheet_row([_("Ranking fiszek w naborze %(n)s: %(t)s") % {"n": round.number, "t": round.title}])
    )
    sheet.append([])
    headings = [
        _("Miejsce"),
        _("Numer fiszki"),
        _("Tytuł projektu"),
        _("Wnioskodawca"),
        _("Wynik oceny"),
        _("Wynik końcowy"),
        _("Ocena 1 (suma ważona)"),
        _("Ocena 2 (suma ważona)"),
        _("Ocena 3 (suma ważona)"),
        _("Oceniający"),
        _("Oceny liczone do wyniku"),
        *[(_("Średnia: %(c)s") if c.scored else _("Tak/nie: %(c)s")) % {"c": c.name} for c in criteria],
        _("Dofinansowanie UE (PLN)"),
        _("Złożenie fiszki"),
        _("Powody oceny negatywnej"),
        _("Rozstrzygnięcie remisu"),
    ]
    sheet.append(spreadsheet_row(headings))
    for cell in sheet[1] + sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheets = row.sheets[:3]
        totals = [s.total for s in sheets] + [None] * (3 - len(sheets))
        counting = row.counting_ids
        per_criterion = []
        for c in criteria:
            if row.status != scoring.COMPLETE:
                per_criterion.append(None)
            elif c.scored:
                per_criterion.append(scoring.rounded(row.means[c.pk]))
            else:
                noes = sum(1 for s in row.counting if s.values.get(c.pk) == scoring.NO)
                per_criterion.append(_("nie") if noes else _("tak"))
        sheet.append(
            spreadsheet_row(
                [
                    row.position,
                    row.card.number,
                    row.card.title,
                    str(row.card.beneficiary),
                    _status(row),
                    row.final,
                    *totals,
                    "; ".join(s.assessor for s in sheets),
                    ", ".join(str(i) for i, s in enumerate(sheets, start=1) if s.assignment_id in counting),
                    *per_criterion,
                    row.card.eu_pln,
                    timezone.localtime(row.submitted_at).replace(tzinfo=None) if row.submitted_at else None,
                    " ".join(row.reasons),
                    row.tie_note,
                ]
            )
        )
    for column, width in zip("ABCDEFGHIJK", (8, 16, 50, 34, 16, 12, 12, 12, 12, 40, 12), strict=True):
        sheet.column_dimensions[column].width = width
    widen_for_values(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
