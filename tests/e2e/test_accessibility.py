"""axe-core (WCAG 2.1 A and AA) over every page the URL configuration serves: public, and per role.

Every named URL must appear in PAGES (or in NOT_PAGES with the reason), so a new page cannot slip through
without being checked.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import sign_in, watch_csp

pytestmark = pytest.mark.browser

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

NOT_PAGES = {
    "set_language": "POST-only endpoint of the language switch",
    "accounts:logout": "POST-only",
    "portal:area_svg": "an SVG image, checked inside the pages that embed it",
    "strategy:import_template": "an XLSX download",
    "strategy:comment_action": "POST-only",
    "strategy:document_generate": "POST-only; it redirects to the job page, which is checked",
    "strategy:generated_file": "a PDF or DOCX download",
    "strategy:version_text": "a PDF or DOCX download",
    "strategy:step_file": "a document download",
    "projects:card_transition": "POST-only; it redirects to the card",
    "projects:list_export": "an XLSX download",
    "projects:list_entry_action": "POST-only; it redirects to the list",
    "projects:card_opinion_issue": "POST-only; it redirects to the card",
    "projects:amendment_file": "a document download",
    "projects:report_attachment": "a document download",
    "core:signed_draft": "a DOCX download",
    "core:signed_file": "a document download",
    "portal:strategy_comment": "POST-only; its form is checked on the strategy page",
    "assessment:assignment_remove": "POST-only; it redirects to the assignments page",
    "assessment:close": "POST-only; it redirects to the ranking",
    "assessment:ranking_xlsx": "an XLSX download",
    "published:csv": "a CSV download",
    "published:xlsx": "an XLSX download",
    "projects:published_template": "a CSV download",
    "projects:recon_recheck": "POST-only; it redirects to the reconciliation",
    "projects:recon_xlsx": "an XLSX download",
    "monitoring:download": "a CSV or XLSX download",
    "monitoring:gminas_download": "a CSV or XLSX download",
    "monitoring:report_file": "a PDF or DOCX download",
    "projects:recon_difference": "POST-only; it redirects to the reconciliation",
    "ogc:api": "the OpenAPI definition of /ogc/ (JSON)",
    "information_requests:assign": "POST-only; it redirects to the request",
    "information_requests:attachment": "a document download",
    "information_requests:document": "a document download",
    "information_requests:export": "a CSV or XLSX download",
    "governance:meeting_quorum": "an htmx fragment, checked inside the attendance page",
    "governance:meeting_ics": "an iCalendar download",
    "governance:meeting_minutes_pdf": "a PDF download",
    "governance:agenda_add": "POST-only; it redirects to the meeting",
    "governance:meeting_action": "POST-only; it redirects to the meeting",
    "governance:agenda_item_action": "POST-only; it redirects to the meeting",
    "governance:resolution_action": "POST-only; it redirects to the resolution",
    "register:resolutions_feed": "an Atom feed",
    "register:attachment": "a document download",
    "register:resolution_file": "a document download",
    "register:meetings_ics": "an iCalendar feed",
    "register:meeting_minutes": "a document download",
    "register:document_file": "a document download",
    "portal:map_points": "JSON for the map, checked inside the map page",
    "portal:robots": "robots.txt",
    "portal:sitemap_index": "an XML sitemap",
    "portal:sitemap": "an XML sitemap",
    "fees:rule_generate": "POST-only; it redirects to the assessments or the rule",
    "fees:member_pdf": "a PDF download",
    "fees:payment_decide": "POST-only; it redirects to the review",
    "fees:rematch": "POST-only; it redirects to the review",
    "fees:statement_held_confirm": "POST-only; it redirects to the statement",
    "fees:demo_statement": "a CSV or MT940 download",
    "opendata_dcat:catalogue": "the DCAT-AP catalogue as Turtle or JSON-LD",
    "opendata_dcat:projects_feed": "an Atom feed",
    "opendata:download": "a CSV, XLSX or GeoJSON download",
    "opendata:download_excel": "a CSV download",
    "api-v1:openapi-json": "the OpenAPI document (JSON)",
    "social_economy:export": "a CSV or XLSX download",
    "social_economy:import_template": "an XLSX or CSV download",
    "social_economy:entity_publish": "POST-only; it redirects to the entry",
    "social_economy:offer_delete": "POST-only; it redirects to the offer's sections",
    "api-v1:api-root": "the API's root, only a prefix for its endpoints",
    "accounts:recovery_codes_download": "a text download",
    # pages of a sign-in in progress or shown once: checked step by step in tests/e2e/test_second_factor.py
    "accounts:second_factor_verify": "checked in test_second_factor.py (after the password)",
    "accounts:second_factor_setup": "checked in test_second_factor.py (the first sign-in of office staff)",
    "accounts:recovery_codes": "checked in test_second_factor.py (shown once, after the set-up)",
    "accounts:second_factor": "checked in test_second_factor.py",
    "accounts:second_factor_reset": "checked in test_second_factor.py",
}
# every endpoint of the JSON API answers JSON; its documentation page is checked
NOT_PAGES |= {
    f"api-v1:{name}": "JSON of the API"
    for name in [
        "gminas",
        "gmina",
        "areas",
        "area",
        "members",
        "member",
        "organisations",
        "organisation",
        "programme",
        "measure",
        "envelopes",
        "strategy",
        "undertakings",
        "undertaking",
        "strategy_indicators",
        "progress",
        "projects",
        "project",
        "resolutions",
        "resolution",
        "entities",
        "entity",
    ]
}


def _named_urls(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's own admin, for office administrators only
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def _pages(ids):
    """(user or None, path) for every page; ids holds object ids made by the fixtures."""
    member, org, person, body, version, job, event = (
        ids[k] for k in ("member", "org", "person", "body", "version", "job", "event")
    )
    sv = ids["strategy_version"]
    public = {
        "portal:home": "/",
        "portal:members": "/czlonkowie/",
        "portal:member": "/czlonkowie/konin/",
        "portal:gmina": "/gminy/3010052/",
        "portal:area": "/obszar/",
        "portal:bodies": "/organy/",
        "portal:money": "/pieniadze/",
        "portal:strategy": "/strategia/",
        "portal:source": "/zrodla-danych/program/",
        "portal:contact": "/kontakt/",
        "portal:accessibility": "/deklaracja-dostepnosci/",
        "portal:sources": "/zrodla-danych/",
        "opendata:datasets": "/dane/",
        "api-v1:openapi-view": "/api/v1/docs",
        "accounts:login": "/konto/logowanie/",
        "accounts:password_reset": "/konto/haslo/reset/",
        "accounts:password_reset_done": "/konto/haslo/reset/wyslano/",
        "accounts:password_reset_confirm": "/konto/haslo/reset/MQ/nieprawidlowy-token/",
        "accounts:password_reset_complete": "/konto/haslo/reset/gotowe/",
        "ogc:landing": "/ogc/",
        "ogc:conformance": "/ogc/conformance",
        "ogc:collections": "/ogc/collections",
        "ogc:collection": "/ogc/collections/projects",
        "ogc:items": "/ogc/collections/gminas/items?limit=5",
        "ogc:item": "/ogc/collections/gminas/items/3062011",
    }
    staff = {
        "association:members": "/biuro/czlonkowie/",
        "association:member": f"/biuro/czlonkowie/{member}/",
        "association:member_edit": f"/biuro/czlonkowie/{member}/edycja/",
        "association:membership_end": f"/biuro/czlonkowie/{member}/koniec-czlonkostwa/",
        "association:organisations": "/biuro/organizacje/",
        "association:organisation_new": "/biuro/organizacje/nowa/",
        "association:organisation": f"/biuro/organizacje/{org}/",
        "association:organisation_edit": f"/biuro/organizacje/{org}/edycja/",
        "association:people": "/biuro/osoby/",
        "association:person_new": "/biuro/osoby/nowa/",
        "association:person": f"/biuro/osoby/{person}/",
        "association:person_edit": f"/biuro/osoby/{person}/edycja/",
        "association:person_erase": f"/biuro/osoby/{person}/usuniecie-danych/",
        "association:representation_add": f"/biuro/osoby/{person}/funkcja/",
        "association:bodies": "/biuro/organy/",
        "association:body_edit": f"/biuro/organy/{body}/edycja/",
        "association:body_new": "/biuro/organy/nowy/",
        "association:mandate_add": f"/biuro/organy/{body}/mandat/",
        "association:mandate_end": f"/biuro/mandaty/{ids['mandate']}/koniec/",
        "association:representation_end": f"/biuro/funkcje/{ids['representation']}/koniec/",
        "association:profile": "/biuro/stowarzyszenie/",
        "funding:programme": "/biuro/program/",
        "funding:programme_edit": "/biuro/program/edycja/",
        "funding:priority_new": "/biuro/program/priorytety/nowy/",
        "funding:priority_edit": f"/biuro/program/priorytety/{ids['priority']}/",
        "funding:measure_new": "/biuro/program/dzialania/nowe/",
        "funding:measure_edit": f"/biuro/program/dzialania/{ids['measure']}/",
        "funding:agreement": "/biuro/porozumienie/",
        "funding:agreement_edit": "/biuro/porozumienie/edycja/",
        "funding:split_edit": "/biuro/porozumienie/podzial/",
        "funding:obligation_new": "/biuro/porozumienie/obowiazki/nowy/",
        "funding:obligation_edit": f"/biuro/porozumienie/obowiazki/{ids['obligation']}/",
        "funding:obligation_complete": f"/biuro/porozumienie/obowiazki/{ids['obligation']}/wykonanie/",
        "funding:rates": "/biuro/kursy/?seria=nbp_a&amount=100&currency=EUR&on=2025-03-31&purpose=default",
        "funding:rate_new": "/biuro/kursy/nowy/",
        "funding:rule_edit": "/biuro/kursy/reguly/default/",
        "funding:indicators": "/biuro/wskazniki/",
        "funding:indicator_new": "/biuro/wskazniki/nowy/",
        "funding:indicator_edit": f"/biuro/wskazniki/{ids['indicator']}/",
        "funding:import": "/biuro/finanse/import/",
        "strategy:versions": "/biuro/strategia/",
        "strategy:version_import": f"/biuro/strategia/wersje/{sv}/import/",
        "strategy:version_new": "/biuro/strategia/nowa-wersja/",
        "strategy:compare": "/biuro/strategia/porownanie/",
        "strategy:version": f"/biuro/strategia/wersje/{sv}/",
        "strategy:version_status": f"/biuro/strategia/wersje/{sv}/stan/",
        "strategy:version_document": f"/biuro/strategia/wersje/{sv}/dokument/",
        "strategy:coherence": f"/biuro/strategia/wersje/{sv}/spojnosc/",
        "strategy:procedure": f"/biuro/strategia/wersje/{sv}/procedura/",
        "strategy:consultation": f"/biuro/strategia/wersje/{ids['consulted']}/konsultacje/?stan=published",
        "strategy:procedure_step_new": f"/biuro/strategia/wersje/{sv}/procedura/krok/nowy/",
        "strategy:procedure_step": f"/biuro/strategia/wersje/{sv}/procedura/krok/{ids['step']}/",
        "strategy:item_new": f"/biuro/strategia/wersje/{sv}/przedsiewziecia/nowa/",
        "strategy:item_edit": f"/biuro/strategia/wersje/{sv}/przedsiewziecia/{ids['undertaking']}/",
        "strategy:item_delete": f"/biuro/strategia/wersje/{sv}/przedsiewziecia/{ids['undertaking']}/usun/",
        "territory:area": "/biuro/obszar/",
        "territory:diagnosis": "/biuro/diagnoza/",
        "territory:statistics_import": "/biuro/diagnoza/import/",
        "territory:variable_new": "/biuro/diagnoza/nowa-zmienna/",
        "territory:variable": "/biuro/diagnoza/population/",
        "territory:variable_edit": "/biuro/diagnoza/population/edycja/",
        "territory:import": "/biuro/obszar/import/",
        "territory:legal_basis": f"/biuro/obszar/wersje/{version}/podstawa-prawna/",
        "territory:statistics": "/biuro/gminy/3010052/statystyki/",
        "territory:observation_new": "/biuro/gminy/3010052/statystyki/population/nowa/",
        "territory:observation_edit": f"/biuro/gminy/3010052/statystyki/area_km2/{ids['observation']}/",
        "core:audit": "/biuro/dziennik/",
        "core:audit_event": f"/biuro/dziennik/{event}/",
        "core:jobs": "/biuro/zadania/",
        "core:job": f"/biuro/zadania/{job}/",
        "core:signed_upload": f"/biuro/dokumenty-podpisane/{ids['signed']}/wgraj/?next=/biuro/organizacje/{org}/",
    }
    pages = {name: [(None, path)] for name, path in public.items()}
    pages |= {name: [("admin", path)] for name, path in staff.items()}
    roles = ["admin", "biuro", "sekretarz", "gmina", "beneficjent", "oceniajacy", "zarzad", "komisja", "owes"]
    pages["accounts:dashboard"] = [(user, "/konto/") for user in roles]
    pages["association:organisation"].append(("beneficjent", f"/biuro/organizacje/{ids['demo_org']}/"))
    pages["association:members"].append(("biuro", "/biuro/czlonkowie/"))
    pages["portal:source"].append((None, "/zrodla-danych/statystyki/"))
    pages["portal:strategy"].append((None, "/strategia/?q=rower"))
    pages["funding:agreement"].append(("zarzad", "/biuro/porozumienie/?status=all"))
    pages["core:jobs"].append(("biuro", "/biuro/zadania/?stan=failed"))  # with the reaped job below
    for segment in (
        "bariery-i-potencjaly",
        "cele",
        "cele-operacyjne",
        "kierunki",
        "zrodla-finansowania",
        "wskazniki",
        "rozdzialy",
        "obszary-interwencji",
    ):
        pages["strategy:item_new"].append(("biuro", f"/biuro/strategia/wersje/{sv}/{segment}/nowa/"))
    pages["strategy:version"].append(("zarzad", f"/biuro/strategia/wersje/{sv}/"))
    draft, submitted, rnd = ids["draft_card"], ids["submitted_card"], ids["round"]
    pages["projects:rounds"] = [("biuro", "/biuro/projekty/nabory/"), ("gmina", "/biuro/projekty/nabory/")]
    pages["projects:round_new"] = [("biuro", "/biuro/projekty/nabory/nowy/")]
    pages["projects:round_questions"] = [("biuro", f"/biuro/projekty/nabory/{rnd}/pytania/")]
    pages["projects:round_edit"] = [("biuro", f"/biuro/projekty/nabory/{rnd}/edycja/")]
    pages["projects:cards_in_round"] = [("biuro", f"/biuro/projekty/nabory/{rnd}/")]
    pages["projects:cards"] = [
        ("biuro", "/biuro/projekty/fiszki/"),
        ("gmina", "/biuro/projekty/fiszki/?stan=draft"),
    ]
    pages["projects:card_new"] = [("gmina", "/biuro/projekty/fiszki/nowa/")]
    pages["projects:card"] = [
        ("biuro", f"/biuro/projekty/fiszki/{submitted}/"),
        ("gmina", f"/biuro/projekty/fiszki/{draft}/"),
    ]
    for name, segment in (
        ("card_edit", "dane"),
        ("card_answers", "pytania"),
        ("card_location", "polozenie"),
        ("card_partners", "partnerzy"),
        ("card_budget", "budzet"),
        ("card_indicators", "wskazniki"),
        ("card_undertakings", "przedsiewziecia"),
        ("card_social", "wymiar-spoleczny"),
    ):
        pages[f"projects:{name}"] = [("gmina", f"/biuro/projekty/fiszki/{draft}/{segment}/")]
    approved, draft_list = ids["approved_list"], ids["draft_list"]
    pages["projects:lists"] = [("biuro", "/biuro/projekty/lista/")]
    pages["projects:list"] = [
        ("biuro", f"/biuro/projekty/lista/{draft_list}/"),
        ("zarzad", f"/biuro/projekty/lista/{approved}/"),
    ]
    pages["projects:list_import"] = [("biuro", f"/biuro/projekty/lista/{draft_list}/import/")]
    listed, filed, opined, call = ids["listed_card"], ids["filed_card"], ids["opined_card"], ids["call"]
    pages["projects:notifications"] = [("biuro", "/biuro/projekty/powiadomienia/")]
    pages["projects:calls"] = [
        ("biuro", "/biuro/projekty/nabory-iz/"),
        ("zarzad", "/biuro/projekty/nabory-iz/"),
    ]
    pages["projects:call_new"] = [("biuro", "/biuro/projekty/nabory-iz/nowy/")]
    pages["projects:call_edit"] = [("biuro", f"/biuro/projekty/nabory-iz/{call}/")]
    pages["projects:card_application"] = [("biuro", f"/biuro/projekty/fiszki/{listed}/wniosek/")]
    pages["projects:card_opinion"] = [("biuro", f"/biuro/projekty/fiszki/{filed}/opinia/")]
    pages["projects:card_contract"] = [("biuro", f"/biuro/projekty/fiszki/{ids['selected_card']}/umowa/")]
    pages["projects:card_amendment"] = [
        ("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/aneks/")
    ]
    pages["projects:card"].append(("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/"))
    pages["projects:card_correction"] = [
        ("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/korekta/")
    ]
    pages["projects:card_recovery"] = [
        (
            "biuro",
            f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/korekty/{ids['correction']}/odzyskano/",
        )
    ]
    contracted = ids["contracted_card"]
    pages["projects:report_new"] = [("gmina", f"/biuro/projekty/fiszki/{contracted}/sprawozdania/nowe/")]
    pages["projects:report"] = [
        ("gmina", f"/biuro/projekty/fiszki/{contracted}/sprawozdania/{ids['draft_report']}/"),  # the form
        (
            "biuro",
            f"/biuro/projekty/fiszki/{contracted}/sprawozdania/{ids['submitted_report']}/",
        ),  # to decide
    ]
    pages["projects:card_settlement"] = [
        ("biuro", f"/biuro/projekty/fiszki/{contracted}/umowa/platnosc-koncowa/")
    ]
    pages["projects:card_statement"] = [
        ("gmina", f"/biuro/projekty/fiszki/{contracted}/trwalosc/oswiadczenie/")
    ]
    pages["projects:card_durability_check"] = [
        ("biuro", f"/biuro/projekty/fiszki/{contracted}/trwalosc/kontrola/")
    ]
    pages["projects:card_termination"] = [
        ("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/rozwiazanie/")
    ]
    pages["monitoring:dashboard"] = [("biuro", "/biuro/monitoring/"), ("zarzad", "/biuro/monitoring/")]
    pages["monitoring:projects"] = [("biuro", "/biuro/monitoring/projekty/?fundusz=1")]
    pages["monitoring:warnings"] = [("biuro", "/biuro/monitoring/ostrzezenia/")]
    pages["monitoring:indicators"] = [("biuro", "/biuro/monitoring/wskazniki/")]
    pages["monitoring:gminas"] = [("biuro", "/biuro/monitoring/gminy/")]
    pages["monitoring:social"] = [("biuro", "/biuro/monitoring/ekonomia-spoleczna/")]
    pages["projects:clause_outcome"] = [
        ("gmina", f"/biuro/projekty/fiszki/{contracted}/wymiar-spoleczny/{ids['open_clause']}/")
    ]
    pages["monitoring:reports"] = [
        ("biuro", "/biuro/monitoring/sprawozdania/"),
        ("zarzad", "/biuro/monitoring/sprawozdania/"),
    ]
    recon = ids["reconciliation"]
    pages["published:list"] = [(None, "/wykaz-projektow/"), (None, "/wykaz-projektow/?q=zzz")]
    pages["projects:published_imports"] = [("biuro", "/biuro/projekty/wykaz/")]
    pages["opendata_office:unplaced"] = [("biuro", "/biuro/katalog/miejsca/")]
    pages["projects:reconciliations"] = [("biuro", "/biuro/projekty/uzgodnienia/")]
    pages["projects:recon"] = [
        ("biuro", f"/biuro/projekty/uzgodnienia/{recon}/"),
        ("biuro", f"/biuro/projekty/uzgodnienia/{recon}/?pokaz=resolved"),
    ]
    pages["projects:recon_mapping"] = [("biuro", f"/biuro/projekty/uzgodnienia/{recon}/kolumny/")]
    pages["projects:card_outcome"] = [("biuro", f"/biuro/projekty/fiszki/{opined}/rozstrzygniecie/")]
    pages["projects:card"] += [
        ("biuro", f"/biuro/projekty/fiszki/{opined}/"),
        ("biuro", f"/biuro/projekty/fiszki/{filed}/"),
    ]
    scored, undeclared = ids["scored_round"], ids["undeclared_round"]
    pages["assessment:mine"] = [("oceniajacy", "/biuro/ocena/"), ("oceniajacy3", "/biuro/ocena/")]
    pages["assessment:declaration"] = [
        ("oceniajacy", f"/biuro/ocena/nabory/{scored}/oswiadczenie/"),  # signed
        ("oceniajacy", f"/biuro/ocena/nabory/{undeclared}/oswiadczenie/"),  # the form
    ]
    pages["assessment:score"] = [
        ("oceniajacy", f"/biuro/ocena/fiszki/{ids['assignment']}/"),  # submitted: read only
        ("oceniajacy2", f"/biuro/ocena/fiszki/{ids['draft_assignment']}/"),  # the form
        ("oceniajacy3", f"/biuro/ocena/fiszki/{ids['blocked_assignment']}/"),  # a late tie: blocked
    ]
    pages["assessment:criteria"] = [
        ("biuro", f"/biuro/ocena/nabory/{scored}/kryteria/"),
        ("biuro", f"/biuro/ocena/nabory/{undeclared}/kryteria/"),  # empty
    ]
    pages["assessment:assignments"] = [
        ("biuro", f"/biuro/ocena/nabory/{scored}/przydzialy/"),
        ("biuro", f"/biuro/ocena/nabory/{undeclared}/przydzialy/"),  # a blocked assignment flagged
    ]
    pages["assessment:ranking"] = [("biuro", f"/biuro/ocena/nabory/{scored}/ranking/")]
    requests = ids["information_requests"]
    pages["information_requests:list"] = [
        ("biuro", "/biuro/informacja-publiczna/"),
        ("biuro", "/biuro/informacja-publiczna/?termin=attention&stan=received&q=demo"),
    ]
    pages["information_requests:new"] = [("biuro", "/biuro/informacja-publiczna/nowy/")]
    pages["information_requests:detail"] = [
        ("biuro", f"/biuro/informacja-publiczna/{pk}/") for pk in set(requests.values())
    ]
    pages["information_requests:step"] = [
        ("biuro", f"/biuro/informacja-publiczna/{requests['received']}/{step}/")
        for step in ("odpowiedz", "przedluzenie", "oplata", "odmowa", "umorzenie", "pismo")
    ]
    g = ids["governance"]
    pages["governance:meetings"] = [
        ("sekretarz", "/biuro/organy/posiedzenia/"),
        ("zarzad", "/biuro/organy/posiedzenia/"),
    ]
    pages["governance:meeting_new"] = [("sekretarz", "/biuro/organy/posiedzenia/nowe/")]
    pages["governance:meeting"] = [
        ("sekretarz", f"/biuro/organy/posiedzenia/{g['past']}/"),
        ("sekretarz", f"/biuro/organy/posiedzenia/{g['next']}/"),
        ("sekretarz", f"/biuro/organy/posiedzenia/{g['open']}/"),
        ("zarzad", f"/biuro/organy/posiedzenia/{g['past']}/"),
    ]
    pages["governance:meeting_edit"] = [("sekretarz", f"/biuro/organy/posiedzenia/{g['next']}/edycja/")]
    pages["governance:meeting_attendance"] = [
        ("sekretarz", f"/biuro/organy/posiedzenia/{g['open']}/obecnosc/")
    ]
    pages["governance:meeting_invitations"] = [
        ("sekretarz", f"/biuro/organy/posiedzenia/{g['next']}/zaproszenia/")
    ]
    pages["governance:resolutions"] = [
        ("sekretarz", "/biuro/organy/uchwaly/"),
        ("zarzad", "/biuro/organy/uchwaly/?stan=adopted&q=plan"),
    ]
    pages["governance:resolution_new"] = [("sekretarz", "/biuro/organy/uchwaly/nowa/")]
    pages["governance:resolution"] = [
        ("sekretarz", f"/biuro/organy/uchwaly/{g['adopted']}/"),
        ("sekretarz", f"/biuro/organy/uchwaly/{g['voting']}/"),
        ("biuro", f"/biuro/organy/uchwaly/{g['draft']}/"),
    ]
    pages["governance:resolution_edit"] = [("sekretarz", f"/biuro/organy/uchwaly/{g['draft']}/edycja/")]
    pages["governance:resolution_vote"] = [
        ("sekretarz", f"/biuro/organy/uchwaly/{g['voting']}/glosowanie/"),  # live, in progress
        ("sekretarz", f"/biuro/organy/uchwaly/{g['adopted']}/glosowanie/"),  # closed
        ("sekretarz", f"/biuro/organy/uchwaly/{g['draft']}/glosowanie/"),  # not started
    ]
    pages["governance:documents"] = [("sekretarz", "/biuro/organy/dokumenty/")]
    pages["governance:document_withdraw"] = [
        ("sekretarz", f"/biuro/organy/dokumenty/{g['document']}/wycofaj/")
    ]
    pages["governance:voting_rules"] = [("biuro", "/biuro/organy/zasady-glosowania/")]
    pages["governance:voting_rule_new"] = [("biuro", "/biuro/organy/zasady-glosowania/nowa/")]
    pages["governance:voting_rule_edit"] = [("biuro", f"/biuro/organy/zasady-glosowania/{g['rule']}/")]
    pages["register:resolutions"] = [(None, "/uchwaly/"), (None, "/uchwaly/?organ=rada&q=zzz")]
    pages["register:resolution"] = [(None, g["public_resolution"])]
    pages["register:meetings"] = [(None, "/posiedzenia/")]
    pages["register:meeting"] = [(None, f"/posiedzenia/{g['past']}/"), (None, f"/posiedzenia/{g['next']}/")]
    pages["register:documents"] = [(None, "/dokumenty/")]
    pages["register:document"] = [(None, f"/dokumenty/{g['document']}/")]
    fees, draft_fees = ids["fee_rule"], ids["fee_draft"]
    pages["fees:rules"] = [("biuro", "/biuro/skladki/"), ("zarzad", "/biuro/skladki/")]
    pages["fees:rule"] = [
        ("biuro", f"/biuro/skladki/zasady/{fees}/"),
        ("biuro", f"/biuro/skladki/zasady/{draft_fees}/"),
    ]
    pages["fees:rule_create"] = [("biuro", "/biuro/skladki/zasady/nowe/")]
    pages["fees:rule_edit"] = [("biuro", f"/biuro/skladki/zasady/{draft_fees}/edycja/")]
    pages["fees:rule_adopt"] = [("biuro", f"/biuro/skladki/zasady/{draft_fees}/uchwala/")]
    pages["fees:population"] = [("biuro", f"/biuro/skladki/ludnosc/{member}/?zasady={draft_fees}")]
    pages["fees:assessments"] = [
        ("biuro", "/biuro/skladki/naliczenia/?rok=2026"),
        ("zarzad", "/biuro/skladki/naliczenia/"),
    ]
    pages["fees:member"] = [("biuro", f"/biuro/skladki/czlonkowie/{ids['fee_member']}/")]
    pages["fees:payments"] = [
        ("biuro", "/biuro/skladki/wplaty/"),
        ("biuro", "/biuro/skladki/wplaty/?q=demo&stan=matched"),
    ]
    pages["fees:payment_create"] = [("biuro", "/biuro/skladki/wplaty/nowa/")]
    pages["fees:payment"] = [("biuro", f"/biuro/skladki/wplaty/{ids['fee_payment']}/")]
    pages["fees:review"] = [("biuro", "/biuro/skladki/wplaty/do-wyjasnienia/")]
    pages["fees:statements"] = [("biuro", "/biuro/skladki/wyciagi/")]
    pages["fees:statement"] = [("biuro", f"/biuro/skladki/wyciagi/{ids['fee_statement']}/")]
    pages["fees:reminders"] = [
        ("biuro", "/biuro/skladki/przypomnienia/?rok=2026"),
        ("zarzad", "/biuro/skladki/przypomnienia/?rok=2026"),
    ]
    project = ids["catalogue_project"]
    pages["portal:projects"] = [
        (None, "/projekty/"),
        (None, "/projekty/?q=drogi&fundusz=EFRR"),
        (None, "/projekty/?q=zzz"),
        (None, "/projekty/?lang=en"),
    ]
    pages["portal:project"] = [
        (None, f"/projekty/{project}/"),
        (None, f"/projekty/{project}/?lang=en"),
        (None, "/projekty/fiszka-1-2025-014/"),  # the social dimension: clauses in every state
    ]
    pages["portal:map"] = [(None, "/mapa/"), (None, "/mapa/?lang=en")]
    pages["register:resolutions"].append((None, "/uchwaly/?lang=en"))
    pes = ids["pes"]
    pages["pes:directory"] = [
        (None, "/ekonomia-spoleczna/"),
        (None, "/ekonomia-spoleczna/?rodzaj=cis&gmina=3010052&ps=1"),
        (None, "/ekonomia-spoleczna/?q=zzz"),
    ]
    pages["pes:entities_map"] = [(None, "/ekonomia-spoleczna/mapa/")]
    pages["pes:entity"] = [(None, f"/ekonomia-spoleczna/{pes['published']}/")]
    pages["pes:support"] = [(None, "/ekonomia-spoleczna/wsparcie/")]
    pages["pes:listing_form"] = [(None, "/ekonomia-spoleczna/zglos/")]
    pages["pes:thanks"] = [(None, "/ekonomia-spoleczna/zglos/dziekujemy/")]
    base = "/biuro/ekonomia-spoleczna"
    pages["social_economy:entities"] = [
        ("owes", f"{base}/"),
        ("biuro", f"{base}/?stan=draft&rodzaj=work_cooperative"),
    ]
    pages["social_economy:entity_new"] = [("owes", f"{base}/nowy/")]
    pages["social_economy:entity"] = [
        ("owes", f"{base}/{pes['published']}/"),
        ("owes", f"{base}/{pes['draft']}/"),
        ("biuro", f"{base}/{pes['withdrawn']}/"),
    ]
    pages["social_economy:entity_edit"] = [("owes", f"{base}/{pes['published']}/edycja/")]
    pages["social_economy:entity_withdraw"] = [("owes", f"{base}/{pes['published']}/wycofanie/")]
    pages["social_economy:requests"] = [
        ("owes", f"{base}/zgloszenia/"),
        ("owes", f"{base}/zgloszenia/?stan=all"),
    ]
    pages["social_economy:request"] = [("owes", f"{base}/zgloszenia/{pes['request']}/")]
    pages["social_economy:import"] = [("owes", f"{base}/import/")]
    pages["social_economy:offer"] = [("owes", f"{base}/oferta-wsparcia/")]
    pages["social_economy:offer_new"] = [("owes", f"{base}/oferta-wsparcia/nowa/")]
    pages["social_economy:offer_edit"] = [("owes", f"{base}/oferta-wsparcia/{pes['offer']}/")]
    # every public page in English too (the language is set by cookie, then set back)
    for name, visits in list(pages.items()):
        english = [
            (user, path + ("&" if "?" in path else "?") + "lang=en")
            for user, path in visits
            if user is None and not path.endswith("lang=en")
        ]
        pages[name] = visits + english
    pages["__404__"] = [(None, "/nie-ma-takiej-strony/")]
    pages["__english__"] = [(None, "/?lang=en")]
    return pages


@pytest.fixture
def ids(site, settings, tmp_path):
    from zit.accounts.models import User
    from zit.association.models import Body, Mandate, Member, Person, Representation
    from zit.core.jobs import job_start
    from zit.core.models import AuditEvent, Job
    from zit.funding.models import Indicator, Measure, Obligation, Priority
    from zit.organisations.models import Organisation
    from zit.strategy.models import StrategyVersion, Undertaking
    from zit.strategy.services import procedure_start
    from zit.territory.models import AreaVersion, Observation

    settings.MEDIA_ROOT = tmp_path  # the signed document's draft
    job = job_start(actor=User.objects.get(username="biuro"), kind="core.clear_sessions", title="Test")
    Job.objects.create(  # a failed job for the jobs page's filter and the dashboard's card
        kind="opendata.catalogue_refresh",
        title="Odświeżenie katalogu projektów",
        status=Job.Status.FAILED,
        finished_at=job.created_at,
        message="Przerwane: proces zadań w tle przestał odpowiadać (ostatni sygnał pracy: 2026-03-02 09:14:07).",
    )
    member = Member.objects.get(slug="kramsk")
    return {
        "member": member.pk,
        "org": member.organisation_id,
        "person": Person.objects.first().pk,
        "body": Body.objects.get(slug="zarzad").pk,
        "version": AreaVersion.objects.first().pk,
        "job": job.pk,
        "event": AuditEvent.objects.filter(object_type="organisations.organisation").first().pk,
        "observation": Observation.objects.get(unit__terc="3010052", variable__code="area_km2").pk,
        "demo_org": Organisation.objects.get(is_demo=True).pk,
        "mandate": Mandate.objects.first().pk,
        "priority": Priority.objects.first().pk,
        "measure": Measure.objects.first().pk,
        "obligation": Obligation.objects.first().pk,
        "indicator": Indicator.objects.first().pk,
        "strategy_version": StrategyVersion.objects.get(status="draft").pk,
        "undertaking": Undertaking.objects.first().pk,
        "consulted": _open_consultation(),
        "step": procedure_start(actor=None, version=StrategyVersion.objects.get(status="draft"))[0].pk,
        "representation": Representation.objects.first().pk,
        "signed": _signed_document(member.organisation),
        **_project_cards(),
        **_assessment(),
        "information_requests": _information_requests(),
        "governance": _governance(),
        "catalogue_project": _catalogue(),
        **_fees(),
        "pes": _social_economy(),
    }


def _social_economy() -> dict[str, int]:
    """The demo directory: a published, a draft and a withdrawn entry, a new request, an offer section."""
    from zit.social_economy.demo import load_social_economy_demo
    from zit.social_economy.models import Entity, ListingRequest, SupportOffer

    load_social_economy_demo()
    return {
        state: Entity.objects.filter(state=state).order_by("pk").first().pk
        for state in ("published", "draft", "withdrawn")
    } | {
        "request": ListingRequest.objects.filter(status="new").first().pk,
        "offer": SupportOffer.objects.first().pk,
    }


def _fees() -> dict[str, int]:
    """The demo fee rule adopted by the demo Rada, assessed and paid (run after `_governance`, which loads
    the governance demo); a draft rule for the next year."""
    import datetime as dt
    from decimal import Decimal

    from zit.association.models import Member
    from zit.governance.demo_fees import demo_rule
    from zit.governance.fees import fee_rule_save
    from zit.governance.models import BankStatement, FeePayment

    rule = demo_rule()
    draft = fee_rule_save(
        actor=None,
        year=2027,
        fixed_amount=Decimal("1000"),
        per_inhabitant=Decimal("0.5"),
        population_date=dt.date(2026, 12, 31),
    )
    return {
        "fee_rule": rule.pk,
        "fee_draft": draft.pk,
        "fee_member": Member.objects.get(slug="kleczew").pk,
        "fee_statement": BankStatement.objects.get().pk,
        "fee_payment": FeePayment.objects.filter(member__isnull=False).first().pk,
    }


def _catalogue() -> str:
    """The catalogue rebuilt from the demo cards and an imported row whose place names no gmina (for the
    office's list of them); the key of a project with a location."""
    import datetime as dt
    from decimal import Decimal

    from zit.opendata.models import CatalogueProject
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.models import PublishedProject

    PublishedProject.objects.create(
        contract_number="FEWP.01.01-IZ.00-0999/25",
        origin=PublishedProject.Origin.IMPORT,
        title="Projekt spoza obszaru (demo)",
        beneficiary="Beneficjent (demo)",
        fund="EFRR",
        programme="Fundusze Europejskie dla Wielkopolski 2021-2027",
        total_pln=Decimal("1000.00"),
        eligible_pln=Decimal("1000.00"),
        eu_pln=Decimal("850.00"),
        cofinancing_rate=Decimal("0.8500"),
        place="Poznań, powiat koniński",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        is_demo=True,
    )
    catalogue_refresh()
    return CatalogueProject.objects.filter(geometry__isnull=False).order_by("id").first().key


def _governance() -> dict:
    """The demo meetings (one held and published, one to come), a meeting in progress with a live vote, a
    draft resolution, a published document and a voting rule."""
    import datetime as dt

    from django.utils import timezone

    from zit.association.models import Body
    from zit.governance import meetings, resolutions
    from zit.governance.demo import load_governance_demo
    from zit.governance.models import Meeting, PublicDocument, Resolution, VotingRule

    load_governance_demo()
    rada = Body.objects.get(slug="rada")
    past = Meeting.objects.filter(is_demo=True, status="closed").get()
    upcoming = Meeting.objects.filter(is_demo=True, status="planned").get()
    running = meetings.meeting_save(
        actor=None, body=rada, starts_at=timezone.now() - dt.timedelta(minutes=30), place="Konin, sala 2"
    )
    meetings.meeting_open(actor=None, meeting=running)
    for seat in meetings.meeting_seats(running)[:10]:
        meetings.attendance_record(
            actor=None, meeting=running, seat=seat.key, present=seat.representative is not None
        )
    voting = resolutions.resolution_save(
        actor=None, body=rada, kind="other", subject="zmiany planu pracy", text="Tekst."
    )
    meetings.agenda_item_save(actor=None, meeting=running, title="Zmiana planu pracy", resolution=voting)
    vote = resolutions.vote_start(actor=None, resolution=voting)
    first = vote.ballots.exclude(choice="absent").first()
    resolutions.ballot_record(actor=None, vote=vote, seat=first.seat, choice="for")
    draft = resolutions.resolution_save(
        actor=None, body=rada, kind="discharge", fiscal_year=2025, subject="absolutorium", text="Tekst."
    )
    adopted = Resolution.objects.filter(status="adopted", published_at__isnull=False).first()
    return {
        "past": past.pk,
        "next": upcoming.pk,
        "open": running.pk,
        "voting": voting.pk,
        "draft": draft.pk,
        "adopted": adopted.pk,
        "public_resolution": f"/uchwaly/{adopted.body.slug}/{adopted.year}/{adopted.sequence}/",
        "document": PublicDocument.objects.get().pk,
        "rule": VotingRule.objects.create(body=rada, kind="fee_rule", majority="absolute").pk,
    }


def _information_requests() -> dict[str, int]:
    """The demo requests, one page per request (every state, one overdue, one due soon); `received` is an
    open one, whose step forms are checked."""
    from zit.governance.demo_requests import load_requests_demo

    found = {f"{r.state}-{r.pk}": r.pk for r in load_requests_demo()}
    return found | {"received": min(pk for key, pk in found.items() if key.startswith("received-"))}


def _project_cards() -> dict[str, int]:
    """The demo rounds and cards, plus a draft of Ślesin (the demo member officer's gmina) in the open round."""
    from zit.organisations.models import Organisation
    from zit.projects.demo import load_project_demo
    from zit.projects.demo_social import load_social_demo
    from zit.projects.models import ProjectCard, Round, SocialClause
    from zit.projects.services import card_create

    load_project_demo()
    load_social_demo()
    open_round = Round.objects.filter(is_demo=True).order_by("-opens_on").first()
    draft = card_create(
        actor=None,
        round=open_round,
        beneficiary=Organisation.objects.get(name="Gmina Ślesin"),
        title="Szkic do sprawdzenia stron (demo)",
        summary="Opis.",
        measure=open_round.measures.first(),
    )
    from zit.funding.selectors import agreement_current
    from zit.projects import lists

    approved = lists.ListVersion.objects.get(status="approved")
    draft_list = lists.list_version_create(
        actor=None, agreement=agreement_current(), rate_date=approved.rate_date
    )
    from zit.projects.models import Call, Correction, Reconciliation

    running = ProjectCard.objects.get(state="contracted", contract__final_payment_on__isnull=True)
    return {
        "listed_card": ProjectCard.objects.filter(state="listed_main").first().pk,
        "filed_card": ProjectCard.objects.filter(state="application_filed").first().pk,
        "opined_card": ProjectCard.objects.filter(state="opinion_issued").first().pk,
        "selected_card": ProjectCard.objects.filter(state="selected").first().pk,
        "contracted_card": running.pk,
        "correction": Correction.objects.first().pk,
        **_reports(running),
        "reconciliation": Reconciliation.objects.get().pk,
        "call": Call.objects.first().pk,
        "approved_list": approved.pk,
        "draft_list": draft_list.pk,
        "round": open_round.pk,
        "draft_card": draft.pk,
        "submitted_card": ProjectCard.objects.filter(state="submitted").first().pk,
        "open_clause": SocialClause.objects.get(card=running, state="announced").pk,
    }


def _reports(card) -> dict[str, int]:
    """The demo contract's submitted progress report, plus a draft for the next period; the demo member
    officer also acts for the contracted gmina here, so the beneficiary's forms are checked. The contract is
    then settled, so the durability section and its forms are checked too."""
    import datetime as dt

    from zit.accounts.models import RoleAssignment, User
    from zit.projects import reports
    from zit.projects.durability import contract_settle

    RoleAssignment.objects.create(
        user=User.objects.get(username="gmina"), role="member_officer", organisation=card.beneficiary
    )
    contract = card.contract
    submitted = contract.reports.get(status="submitted")
    draft = reports.report_create(
        actor=None,
        contract=contract,
        period_from=submitted.period_to + dt.timedelta(days=1),
        period_to=submitted.period_to + dt.timedelta(days=31),
    )
    contract_settle(
        actor=None,
        contract=contract,
        final_payment_on=submitted.period_to + dt.timedelta(days=40),
        durability_years=5,
    )
    return {"submitted_report": submitted.pk, "draft_report": draft.pk}


def _assessment() -> dict[str, int]:
    """The demo scoring of round 1/2025 (two assessors, closed), and scoring switched on in the open demo
    round: the second demo assessor declared and has a draft to fill, the first has not declared yet, so both
    empty forms are checked. A third assessor on the same card was given a role at its applicant after the
    assignment, so the blocked card page and the office's flag are checked too."""
    from decimal import Decimal

    from zit.accounts.models import User
    from zit.accounts.services import role_assign, user_create
    from zit.assessment import services
    from zit.assessment.demo import CRITERIA, load_assessment_demo
    from zit.assessment.models import Assignment
    from zit.projects.models import ProjectCard, Round
    from zit.projects.services import round_save

    load_assessment_demo()
    scored = Round.objects.get(number="1/2025")
    undeclared = Round.objects.filter(is_demo=True).exclude(pk=scored.pk).get()
    round_save(actor=None, round=undeclared, measures=list(undeclared.measures.all()), scoring=True)
    services.criteria_set_save(
        actor=None,
        round=undeclared,
        pass_threshold=Decimal(40),
        third_share=Decimal("0.30"),
        criteria=CRITERIA,
    )
    second = User.objects.get(username="oceniajacy2")
    services.declaration_sign(actor=second, round=undeclared, organisations=[], confirmed=True)
    card = ProjectCard.objects.filter(round=undeclared, state="accepted").first()
    draft = services.assignment_add(actor=None, card=card, assessor=second)
    tied = user_create(
        actor=None,
        username="oceniajacy3",
        password="demo-haslo-2026",
        first_name="Oskar",
        last_name="Oceniający",
        roles=[("assessor", None)],
    )
    services.declaration_sign(actor=tied, round=undeclared, organisations=[], confirmed=True)
    blocked = services.assignment_add(actor=None, card=card, assessor=tied)
    role_assign(actor=None, user=tied, role="member_officer", organisation=card.beneficiary)
    return {
        "scored_round": scored.pk,
        "undeclared_round": undeclared.pk,
        "assignment": Assignment.objects.filter(card__round=scored, assessor__username="oceniajacy")
        .first()
        .pk,
        "draft_assignment": draft.pk,
        "blocked_assignment": blocked.pk,
    }


def _signed_document(organisation) -> int:
    """An unsigned document with its draft, so the upload form is checked."""
    from zit.core.roles import Perm
    from zit.core.signed import signed_document_draft

    return signed_document_draft(
        actor=None,
        subject=organisation,
        kind="tests.statement",
        title="Oświadczenie (test dostępności)",
        content=b"PK\x03\x04",
        filename="oswiadczenie.docx",
        read_perm=Perm.ORGANISATION_VIEW,
        write_perm=Perm.ORGANISATION_EDIT,
        organisation_id=organisation.pk,
    ).pk


def _open_consultation() -> int:
    """The demo version open for comments, with one answered comment, so the form and the list are checked."""
    import datetime as dt

    from django.utils import timezone

    from zit.strategy.models import StrategyVersion
    from zit.strategy.services import (
        comment_moderate,
        comment_respond,
        comment_submit,
        consultation_period_set,
    )

    version = StrategyVersion.objects.get(status="consultation")
    today = timezone.localdate()
    consultation_period_set(actor=None, version=version, opens=today, closes=today + dt.timedelta(days=40))
    comment = comment_submit(
        version=version, target_key="ogolna", text="Uwaga przykładowa (demo) do sprawdzenia strony."
    )
    comment_moderate(actor=None, comment=comment, publish=True)
    comment_respond(actor=None, comment=comment, response="accepted", text="Odpowiedź przykładowa (demo).")
    return version.pk


def _check(page, url):
    response = page.goto(url)
    assert response.status in (200, 404), f"{url}: HTTP {response.status}"
    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{url} [{v['id']}] {v['help']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_every_page_has_no_axe_violations(browser, site, ids):
    pages = _pages(ids)
    unlisted = set(_named_urls()) - set(pages) - set(NOT_PAGES)
    assert not unlisted, f"pages without an accessibility check: {sorted(unlisted)}"
    by_user: dict[str | None, list[str]] = {}
    for _name, visits in pages.items():
        for user, path in visits:
            by_user.setdefault(user, []).append(path)
    violations, refused = [], []
    checked = 0
    for user, paths in by_user.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        csp_violations = watch_csp(context)  # every page works under the Content-Security-Policy too
        page = context.new_page()
        if user:
            sign_in(page, site, user)
        for path in paths:
            english = path.endswith("lang=en")
            if english:  # the page in English, then back to Polish for the next ones
                context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
                path = path.removesuffix("?lang=en").removesuffix("&lang=en") or "/"
            violations += _check(page, site + path)
            if english:
                context.add_cookies([{"name": "django_language", "value": "pl", "url": site}])
            checked += 1
        context.close()
        refused += csp_violations
    assert checked >= 50
    assert not violations, "\n".join(violations)
    assert not refused, "Content-Security-Policy violations:\n" + "\n".join(refused)
