"""Public pages of the social economy directory and of the e-mail subscriptions for the accessibility walk; kept
apart so accessibility_pages.py stays within the module size."""


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
