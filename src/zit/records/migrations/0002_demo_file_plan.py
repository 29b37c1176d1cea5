"""A demo file plan: a draft of the association's own JRWA, "do weryfikacji" until agreed with the state archive
(art. 6 ustawy z dnia 14 lipca 1983 r. o narodowym zasobie archiwalnym i archiwach; do weryfikacji)."""

from django.db import migrations

ACT = "ustawa z dnia 14 lipca 1983 r. o narodowym zasobie archiwalnym i archiwach, art. 5 i art. 6 (do weryfikacji)"
ART82 = (
    "art. 82 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2021/1060: 5 lat od 31 grudnia roku ostatniej "
    "płatności na rzecz beneficjenta (okres do weryfikacji)"
)
DRAFT = "Projekt wykazu akt Stowarzyszenia – do weryfikacji i uzgodnienia z archiwum państwowym."

PLAN = [
    ("0011", "Posiedzenia organów Stowarzyszenia: protokoły i materiały", "A", None, "closure", ACT),
    ("0012", "Uchwały organów Stowarzyszenia z załącznikami", "A", None, "closure", ACT),
    ("0020", "Statut i regulaminy Stowarzyszenia", "A", None, "closure", ACT),
    ("0140", "Dokumenty udostępniane w BIP (budżet, sprawozdania, ogłoszenia)", "B", 10, "closure", ACT),
    ("0150", "Udostępnianie informacji publicznej: wnioski, odpowiedzi, decyzje", "B", 5, "closure", ACT),
    ("0302", "Konsultacje strategii ZIT: uwagi i rozstrzygnięcia", "BE", 10, "closure", ACT),
    ("0310", "Sprawozdania z realizacji ZIT i strategii", "A", None, "closure", ACT),
    ("0400", "Identyfikacja i opiniowanie projektów: fiszki, opinie o zgodności", "B", 5, "last_payment", ART82),
    ("0410", "Umowy o dofinansowanie projektów ZIT: aneksy", "B", 5, "last_payment", ART82),
    ("0420", "Informacje o postępie projektów i ich załączniki", "B", 5, "last_payment", ART82),
    ("0640", "Brakowanie dokumentacji niearchiwalnej: spisy, zgody, protokoły", "A", None, "closure", ACT),
]


def seed(apps, schema_editor):
    FilePlanEntry = apps.get_model("records", "FilePlanEntry")
    for symbol, title, category, years, counting, basis in PLAN:
        FilePlanEntry.objects.get_or_create(
            symbol=symbol,
            defaults={
                "title": title,
                "category": category,
                "retention_years": years,
                "counting": counting,
                "legal_basis": basis,
                "draft": True,
                "note": DRAFT,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
