"""Public pages (social economy directory, e-mail subscriptions, BIP) and public downloads for the accessibility
walk; kept apart so accessibility_pages.py stays within the module size."""

# public downloads: not HTML pages (each is linked from a page the walk visits)
PUBLIC_DOWNLOADS = {
    "portal:member_shares_export": "a CSV or XLSX download of the members' shares",
    "portal:strategy_text": "a PDF or DOCX download of the strategy (listed on portal:strategy)",
    "portal:strategy_attached": "a PDF or DOCX download: the text attached to a version (linked from portal:strategy)",
    "portal:consultation_report": "a PDF or DOCX download of a consultation's report (listed on portal:strategy)",
    "portal:annual_report": "a PDF or DOCX download of an adopted annual report (listed on portal:strategy)",
    "portal:progress_money_export": "a CSV or XLSX download of one table of the money page",
    "portal:progress_indicator_export": "a CSV download of one indicator's values",
}


def public_pages(ids):
    """(None, path) per page name: every page here is public."""
    pes = ids["pes"]
    pages = {}
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
    # the subscription's links as the e-mails carry them: a confirmation naming a gmina, and the unsubscribe page
    # of an address not on the list (the walk subscribes nobody)
    from zit.subscriptions.services import Choice, confirm_token, unsubscribe_token

    choice = Choice(("resolutions", "projects"), ("3062011",))
    pages["subscriptions:subscribe"] = [(None, "/subskrypcje/")]
    pages["subscriptions:sent"] = [(None, "/subskrypcje/wyslano/")]
    pages["subscriptions:confirm"] = [
        (None, f"/subskrypcje/potwierdz/{confirm_token('spacer@example.org', choice)}/")
    ]
    pages["subscriptions:unsubscribe"] = [
        (None, f"/subskrypcje/wypisz/{unsubscribe_token('spacer@example.org')}/")
    ]
    return pages


def bip_pages():
    """The BIP subject page (as the public and as the secretary, who sees the edit links) and its sections."""
    return {
        "portal:bip": [(None, "/bip/"), ("sekretarz", "/bip/")],
        "portal:bip_register": [(None, "/bip/rejestr-wnioskow/")],
        "portal:bip_register_year": [(None, "/bip/rejestr-wnioskow/2020/")],
        "governance:bip_section": [
            ("sekretarz", "/biuro/organy/bip/instrukcja/"),
            ("sekretarz", "/biuro/organy/bip/status/"),
        ],
    }
