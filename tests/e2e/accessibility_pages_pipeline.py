"""The pages of the IZ pipeline and the money (calendar, shares, IZ data, milestones, ZIT indicators) for the
accessibility walk; kept apart so accessibility_pages.py stays within the module size."""


def pipeline_pages(ids, pages, *, listed, filed):
    """(user or None, path) per page name; `pages` is the walk so far (the card page gets more visits)."""
    pages = {"projects:card": list(pages["projects:card"])}
    pages["monitoring:iz_figures"] = [("biuro", "/biuro/monitoring/wskazniki/wartosci-iz/")]
    pages["contracts:iz_feeds"] = [("biuro", "/biuro/projekty/dane-iz/")]
    pages["contracts:iz_feed"] = [("biuro", f"/biuro/projekty/dane-iz/{ids['iz_feed']}/")]
    pages["contracts:iz_import"] = [
        ("biuro", f"/biuro/projekty/dane-iz/import/{ids['iz_import']}/"),
        ("biuro", f"/biuro/projekty/dane-iz/import/{ids['iz_import']}/?rodzaj=changed"),
    ]
    pages["contracts:iz_preview"] = [
        ("biuro", f"/biuro/projekty/dane-iz/import/{ids['iz_preview']}/podglad/")
    ]
    pages["monitoring:milestones"] = [
        ("biuro", "/biuro/monitoring/kamienie-milowe/"),
        ("biuro", "/biuro/monitoring/kamienie-milowe/?od=2026-13-01&do=2026-06-30"),
    ]
    pages["monitoring:midterm"] = [("biuro", "/biuro/monitoring/ewaluacja/")]
    pages["funding:shares"] = [("biuro", "/biuro/porozumienie/klucz-podzialu/")]
    pages["funding:share_key_new"] = [("biuro", "/biuro/porozumienie/klucz-podzialu/nowy/")]
    pages["projects:member_shares"] = [("biuro", "/biuro/projekty/udzialy-czlonkow/")]
    pages["projects:member_share"] = [("gmina", "/biuro/projekty/udzialy-czlonkow/slesin/")]
    pages["portal:member_shares"] = [(None, "/podzial-alokacji/")]
    # the IZ's calendar: the schedule beside the list, the card's panel, the individual call and the IZ's steps
    pages["projects:schedule"] = [
        ("biuro", "/biuro/projekty/harmonogram-iz/"),
        ("zarzad", "/biuro/projekty/harmonogram-iz/"),
    ]
    pages["projects:schedule_new"] = [("biuro", "/biuro/projekty/harmonogram-iz/nowa-wersja/")]
    pages["projects:schedule_version"] = [
        ("biuro", f"/biuro/projekty/harmonogram-iz/{ids['schedule_version']}/")
    ]
    pages["projects:card"] += [
        ("biuro", f"/biuro/projekty/fiszki/{listed}/"),
        ("biuro", f"/biuro/projekty/fiszki/{filed}/"),
    ]
    pages["projects:card_individual_call"] = [("biuro", f"/biuro/projekty/fiszki/{listed}/iz/wezwanie/")]
    pages["projects:card_iz_step"] = [
        ("biuro", f"/biuro/projekty/fiszki/{filed}/iz/assess/"),
        ("biuro", f"/biuro/projekty/fiszki/{filed}/iz/opinion_request/"),
    ]
    return pages
