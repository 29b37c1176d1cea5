"""The pages of the register of processing activities and of the erasure of personal data for the
accessibility walk; kept apart so accessibility_pages.py stays within the module size."""

BASE = "/biuro/ochrona-danych"

# the register's downloads: files, not pages
PRIVACY_DOWNLOADS = {"privacy:export": "a DOCX, XLSX or CSV download of the register"}


def privacy_pages() -> dict[str, list[tuple[str | None, str]]]:
    """The seeded entries are in every database (migration privacy 0002), so their keys are known."""
    return {
        "privacy:activities": [("biuro", f"{BASE}/"), ("admin", f"{BASE}/")],
        "privacy:activity": [("biuro", f"{BASE}/informacja-publiczna/"), ("admin", f"{BASE}/subskrypcje/")],
        "privacy:activity_new": [("admin", f"{BASE}/nowa/")],
        "privacy:activity_edit": [("admin", f"{BASE}/zgloszenia-pes/edycja/")],
        "privacy:activity_delete": [("admin", f"{BASE}/bip/usuniecie/")],
        "privacy:rules": [("biuro", f"{BASE}/usuwanie-danych/")],
    }
