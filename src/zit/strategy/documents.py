"""The strategy document generated from a version's data, as tagged PDF (from HTML) and editable DOCX."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone, translation

from zit.association.selectors import letterhead_lines
from zit.core.charts import bar_chart
from zit.core.documents import pdf_from_html
from zit.core.docx_house import docx_language_tag, docx_run_language, house_bytes, house_document
from zit.core.formatting import format_amount, format_number
from zit.strategy import selectors
from zit.strategy.models import Chapter, Issue, StrategyVersion, TargetIndicator, Undertaking


def _context(version: StrategyVersion) -> dict:
    return {
        "version": version,
        "strategy": version.strategy,
        "issues": list(Issue.objects.filter(version=version).prefetch_related("gminas")),
        "goals": selectors.version_tree(version),
        "undertakings": list(
            Undertaking.objects.filter(version=version)
            .select_related("lead")
            .prefetch_related("gminas", "directions", "funding_sources__measure", "funding_sources__fund")
        ),
        "indicators": list(
            TargetIndicator.objects.filter(version=version).select_related(
                "indicator", "goal", "operational_goal", "undertaking"
            )
        ),
        "chapters": list(Chapter.objects.filter(version=version)),
        "frame": selectors.financial_frame(version),
        "generated": timezone.localtime(),
    }


def strategy_pdf(version: StrategyVersion) -> bytes:
    import base64

    with translation.override("pl"):
        svg = str(selectors.undertakings_map(version))  # the same map as on the public page
        frame = selectors.financial_frame(version)
        chart = str(
            bar_chart(
                [(goal.code, amount) for goal, amount in frame.by_goal],
                title="Szacowany koszt przedsięwzięć według celów",
                description="Wykres słupkowy; kwoty są też w tabeli.",
                value_label=format_amount,
                chart_id="frame-chart",
            )
        )
        extra = {
            "map": bool(svg),
            "map_b64": base64.b64encode(svg.encode()).decode(),
            "chart_b64": base64.b64encode(chart.encode()).decode() if chart else "",
        }
        html = render_to_string("documents/strategy.html", _context(version) | extra)
    return pdf_from_html(html)


def strategy_docx(version: StrategyVersion) -> bytes:
    with translation.override("pl"):
        ctx = _context(version)
        doc = house_document(ctx["strategy"].title, letterhead=letterhead_lines())
        doc.add_heading(ctx["strategy"].title, level=0)
        doc.add_paragraph(f"Wersja {version.number}: {version.state_label}")
        if version.is_demo:
            doc.add_paragraph(
                "Dane demonstracyjne: cele, przedsięwzięcia i wskaźniki są przykładem do pokazu systemu."
            )
        if ctx["issues"]:
            doc.add_heading("Bariery i potencjały", level=1)
            for issue in ctx["issues"]:
                doc.add_paragraph(f"{issue.get_kind_display()}: {issue.title}", style="List Bullet")
        doc.add_heading("Cele, kierunki działań i przedsięwzięcia", level=1)
        for goal in ctx["goals"]:
            doc.add_heading(f"{goal.code} {goal.title}", level=2)
            doc.add_paragraph(f"Wymiar: {goal.get_dimension_display()}")
            if goal.description:
                doc.add_paragraph(goal.description)
            for og in goal.operational_goals.all():
                doc.add_heading(f"{og.code} {og.title}", level=3)
                for direction in og.directions.all():
                    doc.add_paragraph(f"{direction.code} {direction.title}", style="List Bullet")
                    for u in direction.undertakings.all():
                        doc.add_paragraph(f"{u.code} {u.title}", style="List Bullet 2")
        if ctx["undertakings"]:
            doc.add_heading("Przedsięwzięcia", level=1)
            table = doc.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                ["Oznaczenie", "Przedsięwzięcie", "Gminy", "Szacowany koszt"],
                strict=True,
            ):
                cell.text = text
            for u in ctx["undertakings"]:
                row = table.add_row().cells
                row[0].text, row[1].text = u.code, u.title
                row[2].text = ", ".join(g.name for g in u.gminas.all())
                row[3].text = (
                    format_amount(u.estimated_cost_pln) if u.estimated_cost_pln is not None else "brak danych"
                )
        if ctx["indicators"]:
            doc.add_heading("Wskaźniki", level=1)
            table = doc.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                ["Wskaźnik", "Dotyczy", "Wartość bazowa", "Wartość docelowa"],
                strict=True,
            ):
                cell.text = text
            for i in ctx["indicators"]:
                row = table.add_row().cells
                _indicator_cell(row[0], i.indicator)
                row[1].text = i.owner.code
                row[2].text = (
                    f"{format_number(i.baseline_value)} ({i.baseline_year})"
                    if i.baseline_value is not None
                    else "brak danych"
                )
                row[3].text = (
                    f"{format_number(i.target_value)} ({i.target_year})"
                    if i.target_value is not None
                    else "brak danych"
                )
        frame = ctx["frame"]
        doc.add_heading("Ramy finansowe", level=1)
        doc.add_paragraph(f"Szacowany koszt przedsięwzięć: {format_amount(frame.total or Decimal(0))}.")
        for goal, amount in frame.by_goal:
            doc.add_paragraph(f"{goal.code}: {format_amount(amount)}", style="List Bullet")
        for chapter in ctx["chapters"]:
            doc.add_heading(chapter.get_kind_display().capitalize(), level=1)
            for paragraph in chapter.text.split("\n\n"):
                doc.add_paragraph(paragraph.strip())
        return house_bytes(doc)


def _report_rows(version: StrategyVersion) -> list:
    from zit.strategy.models import Comment

    return list(version.comments.filter(status=Comment.Status.PUBLISHED).order_by("submitted_at", "pk"))


def consultation_report_pdf(version: StrategyVersion) -> bytes:
    with translation.override("pl"):
        html = render_to_string(
            "documents/consultation_report.html",
            {
                "version": version,
                "strategy": version.strategy,
                "comments": _report_rows(version),
                "generated": timezone.localtime(),
            },
        )
    return pdf_from_html(html)


def consultation_report_docx(version: StrategyVersion) -> bytes:

    with translation.override("pl"):
        doc = house_document(
            f"Raport z konsultacji: {version.strategy.title}",
            letterhead=letterhead_lines(),
            size=9.5,
            margin_cm=1.5,
            landscape=True,
        )
        doc.add_heading("Raport z konsultacji społecznych", level=0)
        doc.add_paragraph(f"{version.strategy.title}, wersja {version.number}: {version.state_label}.")
        doc.add_paragraph(version.consultation_wording)
        rows = _report_rows(version)
        doc.add_paragraph(f"Liczba uwag i opinii: {len(rows)}.")
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        headers = [
            "Lp.",
            "Zgłaszający",
            "Część strategii",
            "Uwaga i proponowana zmiana",
            "Rozstrzygnięcie",
            "Uzasadnienie",
        ]
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
        for i, c in enumerate(rows, start=1):
            cells = table.add_row().cells
            cells[0].text = str(i)
            cells[1].text = c.author_display + (f" ({c.source})" if c.source else "")
            cells[2].text = c.target_label
            cells[3].text = c.text + (f"\nPropozycja: {c.proposal}" if c.proposal else "")
            cells[4].text = c.get_response_display() or "bez rozstrzygnięcia"
            cells[5].text = c.response_text
        return house_bytes(doc)


def _indicator_cell(cell, indicator) -> None:
    """Code and name; a name shown in another language than the document's (an EU indicator without a Polish
    name yet) is a run in that language."""
    paragraph = cell.paragraphs[0]
    if indicator.code:
        paragraph.add_run(f"{indicator.code} ")
    run = paragraph.add_run(indicator.display_name)
    if indicator.display_name_lang != (translation.get_language() or "pl")[:2]:
        docx_run_language(run, docx_language_tag(indicator.display_name_lang))
