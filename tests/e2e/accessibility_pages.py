"""The pages the accessibility walk visits (`pages(ids)`: for every named URL, who opens which paths) and the
named URLs it does not visit, with the reason (`NOT_PAGES`). tests/e2e/test_accessibility.py fails when a
named URL is in neither."""

from __future__ import annotations

from .accessibility_pages_pipeline import pipeline_pages
from .accessibility_pages_privacy import PRIVACY_DOWNLOADS, privacy_pages
from .accessibility_pages_progress import progress_pages
from .accessibility_pages_public import PUBLIC_DOWNLOADS, bip_pages, public_pages
from .accessibility_pages_records import RECORDS_NOT_PAGES, records_pages
from .english_addresses import in_english, is_english

NOT_PAGES = {
    "set_language": "POST-only endpoint of the language switch",
    "accounts:logout": "POST-only",
    "accounts:deputy_end": "POST-only; it redirects to the deputy page",
    "portal:area_svg": "an SVG image, checked inside the pages that embed it",
    "strategy:import_template": "an XLSX download",
    "funding:indicator_names_template": "a CSV or XLSX download (the template of Polish indicator names)",
    "strategy:comment_action": "POST-only",
    "strategy:version_transition": "POST-only; it redirects to the version, whose buttons are checked",
    "strategy:consultation_transition": "POST-only; it redirects to the version, whose buttons are checked",
    "strategy:document_generate": "POST-only; it redirects to the job page, which is checked",
    "strategy:generated_file": "a PDF or DOCX download",
    "strategy:version_text": "a PDF or DOCX download",
    "strategy:step_file": "a document download",
    "projects:list_act_file": "a document download (another body's act approving the list)",
    "strategy:letter_file": "a document download (a letter of the procedure or its answer)",
    "strategy:package": "a ZIP download (the package for the art. 34 opinions)",
    "strategy:answering_version": "POST only: the button on strategy:procedure",
    "projects:card_transition": "POST-only; it redirects to the card",
    "projects:list_export": "an XLSX download",
    "projects:list_entry_action": "POST-only; it redirects to the list",
    "projects:opinion_issue": "POST-only; it redirects to the card",
    "projects:opinion_cover_letter": "a DOCX download",
    "contracts:report_transition": "POST-only; it redirects to the report",
    "contracts:amendment_file": "a document download",
    "contracts:report_attachment": "a document download",
    "core:signed_draft": "a DOCX download",
    "core:signed_file": "a document download",
    "portal:strategy_comment": "POST-only; its form is checked on the strategy page",
    "assessment:assignment_remove": "POST-only; it redirects to the assignments page",
    "assessment:close": "POST-only; it redirects to the ranking",
    "assessment:ranking_xlsx": "an XLSX download",
    "published:csv": "a CSV download",
    "published:xlsx": "an XLSX download",
    "contracts:published_template": "a CSV download",
    "contracts:recon_recheck": "POST-only; it redirects to the reconciliation",
    "contracts:recon_xlsx": "an XLSX download",
    "monitoring:download": "a CSV or XLSX download",
    "monitoring:gminas_download": "a CSV or XLSX download",
    "monitoring:report_file": "a PDF or DOCX download",
    "monitoring:agreement_report": "a DOCX or XLSX download",
    "monitoring:midterm_file": "a DOCX download",
    "contracts:recon_difference": "POST-only; it redirects to the reconciliation",
    "ogc:api": "the OpenAPI definition of /ogc/ (JSON)",
    "public_information:assign": "POST-only; it redirects to the request",
    "public_information:attachment": "a document download",
    "public_information:document": "a document download",
    "public_information:export": "a CSV or XLSX download",
    "public_information:letter": "a DOCX download (the decision on reconsideration)",
    "public_information:complaint_letter": "a DOCX download (the answer to a complaint or its cover letter)",
    "portal:bip_register_csv": "a CSV download",
    "governance:meeting_quorum": "an htmx fragment, checked inside the attendance page",
    "governance:meeting_ics": "an iCalendar download",
    "governance:meeting_minutes_pdf": "a PDF download",
    "governance:agenda_add": "POST-only; it redirects to the meeting",
    "governance:meeting_action": "POST-only; it redirects to the meeting",
    "governance:agenda_item_action": "POST-only; it redirects to the meeting",
    "governance:resolution_action": "POST-only; it redirects to the resolution",
    "governance:year_document": "POST-only; its form is checked on the year page",
    "governance:year_filing": "POST-only; it redirects to the year page",
    "register:resolutions_feed": "an Atom feed",
    "register:attachment": "a document download",
    "register:resolution_file": "a document download",
    "register:meetings_ics": "an iCalendar feed",
    "register:meeting_minutes": "a document download",
    "register:document_file": "a document download",
    "portal:map_points": "JSON for the map, checked inside the map page",
    "crawlers:robots": "robots.txt",
    "portal:easy_read_text": "a text download (the easy-to-read page's own text)",
    "portal:sign_language_video": "a video file, shown inside the sign-language page",
    "crawlers:sitemap_index": "an XML sitemap",
    "crawlers:sitemap": "an XML sitemap",
    "fees:rule_generate": "POST-only; it redirects to the assessments or the rule",
    "fees:member_pdf": "a PDF download",
    "fees:payment_decide": "POST-only; it redirects to the review",
    "fees:rematch": "POST-only; it redirects to the review",
    "fees:statement_held_confirm": "POST-only; it redirects to the statement",
    "fees:demo_statement": "a CSV or MT940 download",
    "opendata_dcat:catalogue": "the DCAT-AP catalogue as Turtle, RDF/XML or JSON-LD",
    "opendata_dcat:projects_feed": "an Atom feed",
    "opendata:download": "a CSV, XLSX or GeoJSON download",
    "opendata:download_excel": "a CSV download",
    "api-v1:openapi-json": "the OpenAPI document (JSON)",
    "social_economy:export": "a CSV or XLSX download",
    "social_economy:import_template": "an XLSX or CSV download",
    "social_economy:entity_publish": "POST-only; it redirects to the entry",
    "social_economy:offer_delete": "POST-only; it redirects to the offer's sections",
    "api-v1:api-root": "the API's root, answered by its JSON landing (api-v1:landing)",
    "accounts:recovery_codes_download": "a text download",
    # pages of a sign-in in progress or shown once: checked step by step in tests/e2e/test_second_factor.py
    "accounts:second_factor_verify": "checked in test_second_factor.py (after the password)",
    "accounts:second_factor_setup": "checked in test_second_factor.py (the first sign-in of office staff)",
    "accounts:recovery_codes": "checked in test_second_factor.py (shown once, after the set-up)",
    "accounts:second_factor": "checked in test_second_factor.py",
    "accounts:second_factor_reset": "checked in test_second_factor.py",
    "contracts:iz_fetch": "POST-only; it redirects to the job's progress page",
    "funding:rates_fetch": "POST-only; it starts the background job and redirects to its progress page",
}
NOT_PAGES["fees:payment_transition"] = "POST only: the payment's lifecycle button (checked on fees:payment)"
NOT_PAGES |= PUBLIC_DOWNLOADS | PRIVACY_DOWNLOADS | RECORDS_NOT_PAGES
# every endpoint of the JSON API answers JSON; its documentation page is checked
NOT_PAGES |= {
    f"api-v1:{name}": "JSON of the API"
    for name in [
        "landing",
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
        "zit_indicators",
    ]
}


def pages(ids):
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
        "portal:easy_read": "/tekst-latwy-do-czytania/",
        "portal:sign_language": "/jezyk-migowy/",
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
        "association:representatives_change": "/biuro/stowarzyszenie/zmiana-reprezentantow/?dzien=2024-05-07"
        + f"&funkcja=head&funkcja=delegate&organ={body}",
        "portal:statement_edit": "/biuro/deklaracja-dostepnosci/",
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
        "strategy:letter_new": f"/biuro/strategia/wersje/{sv}/procedura/krok/{ids['step']}/pismo/",
        "strategy:letter": f"/biuro/strategia/wersje/{sv}/procedura/krok/{ids['step']}/pismo/{ids['letter']}/",
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
        "core:signed_lock_override": f"/biuro/dokumenty-podpisane/{ids['signed']}/zablokuj/",
        "core:trust_list": "/biuro/zaufane-certyfikaty/",
    }
    pages = {name: [(None, path)] for name, path in public.items()}
    pages |= {name: [("admin", path)] for name, path in staff.items()}
    roles = ["admin", "biuro", "sekretarz", "gmina", "beneficjent", "oceniajacy", "zarzad", "komisja", "owes"]
    pages["accounts:dashboard"] = [(user, "/konto/") for user in roles]
    pages["accounts:deputy"] = [("biuro", "/konto/zastepstwo/"), ("beneficjent", "/konto/zastepstwo/")]
    pages["notices:list"] = [("biuro", "/konto/powiadomienia/"), ("gmina", "/konto/powiadomienia/")]
    pages["notices:settings"] = [("gmina", "/konto/powiadomienia/ustawienia/")]
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
        ("card_sources", "zrodla"),
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
    pages["projects:call_checklist"] = [("biuro", f"/biuro/projekty/nabory-iz/{call}/lista-sprawdzajaca/")]
    pages["projects:card_application"] = [("biuro", f"/biuro/projekty/fiszki/{listed}/wniosek/")]
    pages["projects:card_opinion"] = [("biuro", f"/biuro/projekty/fiszki/{opined}/opinia/")]
    pages["projects:card_opinion_request"] = [("biuro", f"/biuro/projekty/fiszki/{opined}/opinia/prosba-iz/")]
    pages["projects:opinion_edit"] = [("biuro", f"/biuro/projekty/opinie/{ids['draft_opinion']}/")]
    pages["projects:opinion_signatories"] = [("biuro", "/biuro/projekty/opinie/podpisujacy/")]
    pages["portal:opinions"] = [(None, "/opinie-o-zgodnosci/"), (None, "/opinie-o-zgodnosci/?q=Konin")]
    pages["contracts:card_contract"] = [("biuro", f"/biuro/projekty/fiszki/{ids['selected_card']}/umowa/")]
    pages["contracts:card_amendment"] = [
        ("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/aneks/")
    ]
    pages["projects:card"].append(("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/"))
    pages["contracts:card_correction"] = [
        ("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/korekta/")
    ]
    pages["contracts:card_recovery"] = [
        (
            "biuro",
            f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/korekty/{ids['correction']}/odzyskano/",
        )
    ]
    contracted = ids["contracted_card"]
    pages["contracts:report_new"] = [
        ("gmina", f"/biuro/projekty/fiszki/{contracted}/informacje-o-postepie/nowe/")
    ]
    pages["contracts:report"] = [
        (
            "gmina",
            f"/biuro/projekty/fiszki/{contracted}/informacje-o-postepie/{ids['draft_report']}/",
        ),  # the form
        (
            "biuro",
            f"/biuro/projekty/fiszki/{contracted}/informacje-o-postepie/{ids['submitted_report']}/",
        ),  # to note or ask about
    ]
    pages["contracts:card_settlement"] = [
        ("biuro", f"/biuro/projekty/fiszki/{contracted}/umowa/platnosc-koncowa/")
    ]
    pages["contracts:card_statement"] = [
        ("gmina", f"/biuro/projekty/fiszki/{contracted}/trwalosc/oswiadczenie/")
    ]
    pages["contracts:card_durability_info"] = [
        ("biuro", f"/biuro/projekty/fiszki/{contracted}/trwalosc/informacja/")
    ]
    pages["contracts:card_termination"] = [
        ("biuro", f"/biuro/projekty/fiszki/{ids['contracted_card']}/umowa/rozwiazanie/")
    ]
    pages["monitoring:dashboard"] = [("biuro", "/biuro/monitoring/"), ("zarzad", "/biuro/monitoring/")]
    pages["monitoring:projects"] = [("biuro", "/biuro/monitoring/projekty/?fundusz=1")]
    pages["monitoring:warnings"] = [("biuro", "/biuro/monitoring/ostrzezenia/")]
    pages["monitoring:indicators"] = [("biuro", "/biuro/monitoring/wskazniki/")]
    pages["monitoring:gminas"] = [("biuro", "/biuro/monitoring/gminy/")]
    pages["monitoring:social"] = [("biuro", "/biuro/monitoring/ekonomia-spoleczna/")]
    pages["monitoring:sources"] = [("biuro", "/biuro/monitoring/zrodla-finansowania/")]
    pages["projects:clause_outcome"] = [
        ("gmina", f"/biuro/projekty/fiszki/{contracted}/wymiar-spoleczny/{ids['open_clause']}/")
    ]
    pages["monitoring:reports"] = [
        ("biuro", "/biuro/monitoring/sprawozdania/"),
        ("zarzad", "/biuro/monitoring/sprawozdania/"),
    ]
    recon = ids["reconciliation"]
    pages["published:list"] = [(None, "/wykaz-projektow/"), (None, "/wykaz-projektow/?q=zzz")]
    pages["contracts:published_imports"] = [("biuro", "/biuro/projekty/wykaz/")]
    pages["opendata_office:unplaced"] = [("biuro", "/biuro/katalog/miejsca/")]
    pages["contracts:reconciliations"] = [("biuro", "/biuro/projekty/uzgodnienia/")]
    pages["contracts:recon"] = [
        ("biuro", f"/biuro/projekty/uzgodnienia/{recon}/"),
        ("biuro", f"/biuro/projekty/uzgodnienia/{recon}/?pokaz=resolved"),
    ]
    pages["contracts:recon_mapping"] = [("biuro", f"/biuro/projekty/uzgodnienia/{recon}/kolumny/")]
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
    pages["assessment:rules_reopen"] = [
        ("biuro", f"/biuro/ocena/nabory/{scored}/zasady/otwarcie/"),
        ("biuro", f"/biuro/ocena/nabory/{undeclared}/zasady/otwarcie/"),
    ]
    pages["assessment:assignments"] = [
        ("biuro", f"/biuro/ocena/nabory/{scored}/przydzialy/"),
        ("biuro", f"/biuro/ocena/nabory/{undeclared}/przydzialy/"),  # a blocked assignment flagged
    ]
    pages["assessment:ranking"] = [("biuro", f"/biuro/ocena/nabory/{scored}/ranking/")]
    requests = ids["information_requests"]
    pages["public_information:list"] = [
        ("biuro", "/biuro/informacja-publiczna/"),
        ("biuro", "/biuro/informacja-publiczna/?termin=attention&stan=received&q=demo"),
    ]
    pages["public_information:new"] = [("biuro", "/biuro/informacja-publiczna/nowy/")]
    pages["public_information:detail"] = [
        ("biuro", f"/biuro/informacja-publiczna/{pk}/") for pk in set(requests.values())
    ]
    pages["public_information:step"] = [
        ("biuro", f"/biuro/informacja-publiczna/{requests['received']}/{step}/")
        for step in ("odpowiedz", "przedluzenie", "oplata", "odmowa", "umorzenie", "pismo")
    ]
    reconsidered = next(pk for key, pk in requests.items() if key.startswith("reconsider-"))
    refused = next(pk for key, pk in requests.items() if key.startswith("refused-"))
    pages["public_information:step"] += [
        ("biuro", f"/biuro/informacja-publiczna/{refused}/ponowne-rozpatrzenie/"),
        ("biuro", f"/biuro/informacja-publiczna/{reconsidered}/utrzymanie/"),
        ("biuro", f"/biuro/informacja-publiczna/{reconsidered}/uchylenie/"),
    ]
    pages["public_information:complaint_new"] = [("biuro", f"/biuro/informacja-publiczna/{refused}/skarga/")]
    complaint, complained = ids["information_complaint"], ids["information_complaint_request"]
    pages["public_information:complaint_forward"] = [
        ("biuro", f"/biuro/informacja-publiczna/{complained}/skarga/{complaint}/")
    ]
    pages |= bip_pages() | records_pages()
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
        ("zarzad", f"/biuro/organy/uchwaly/{g['on_report']}/"),  # with the working group's opinion
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
    pages["governance:opinions"] = [
        ("biuro", "/biuro/organy/opinie-grupy-roboczej/"),
        ("zarzad", "/biuro/organy/opinie-grupy-roboczej/?rodzaj=annual_report"),
    ]
    pages["governance:opinion_withdraw"] = [
        ("biuro", f"/biuro/organy/opinie-grupy-roboczej/{g['opinion']}/wycofaj/")
    ]
    pages["governance:years"] = [
        ("biuro", "/biuro/organy/rok-sprawozdawczy/"),
        ("zarzad", "/biuro/organy/rok-sprawozdawczy/"),
    ]
    pages["governance:year"] = [
        ("biuro", f"/biuro/organy/rok-sprawozdawczy/{g['year']}/"),  # the demo's documents in, no approval
        ("biuro", f"/biuro/organy/rok-sprawozdawczy/{g['year'] - 1}/"),  # nothing yet: the upload forms
        ("zarzad", f"/biuro/organy/rok-sprawozdawczy/{g['year']}/"),
    ]
    pages["governance:voting_rules"] = [("biuro", "/biuro/organy/zasady-glosowania/")]
    pages["governance:settings"] = [
        ("biuro", "/biuro/organy/ustawienia/"),
        ("sekretarz", "/biuro/organy/ustawienia/"),
    ]
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
    pages["fees:payment_assign"] = [("biuro", f"/biuro/skladki/wplaty/{ids['fee_payment']}/przypisz/")]
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
        (None, "/en/projekty/"),
    ]
    pages["portal:project"] = [
        (None, f"/projekty/{project}/"),
        (None, f"/en/projekty/{project}/"),
        (None, "/projekty/fiszka-1-2025-014/"),  # the social dimension: clauses in every state
    ]
    # the strategy's documents section: beside the adopted version (default) and beside the draft in consultation
    pages["portal:strategy"].append((None, "/strategia/?wersja=2"))
    pages["portal:map"] = [(None, "/mapa/"), (None, "/en/mapa/")]
    pages["register:resolutions"].append((None, "/en/uchwaly/"))
    pages |= progress_pages() | privacy_pages()
    pes = ids["pes"]
    pages |= public_pages(ids)
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
    pages |= pipeline_pages(ids, pages, listed=listed, filed=filed)
    # every public page in English too, at its English address (see in_english)
    for name, visits in list(pages.items()):
        english = [(user, in_english(path)) for user, path in visits if user is None and not is_english(path)]
        pages[name] = visits + [visit for visit in english if visit not in visits]
    pages["__404__"] = [(None, "/nie-ma-takiej-strony/"), (None, in_english("/nie-ma-takiej-strony/"))]
    return pages
