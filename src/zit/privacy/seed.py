"""The first entries of the register: the processing the platform itself carries out, with its legal bases.

Loaded once by the migration `0002_register_seed`; afterwards the office keeps the entries on the register's
pages. Whatever is not confirmed against the text of the act is marked "do weryfikacji" with the source used.
"""

from __future__ import annotations

from typing import Any

PROCESSOR = (
    "Dostawca serwera, kopii zapasowych i poczty e-mail platformy (podmiot przetwarzający na podstawie umowy z "
    "art. 28 RODO – do weryfikacji, czy umowa jest zawarta)."
)
SECURITY = (
    "Dostęp tylko po zalogowaniu i tylko dla ról, które dane potrzebują (zasada najmniejszych uprawnień); "
    "logowanie dwuskładnikowe dla ról biura i sekretarza organu; połączenie szyfrowane (HTTPS); dziennik "
    "zmian, którego nie można zmienić, z codzienną kontrolą spójności; kopie zapasowe; limity wysyłek "
    "formularzy publicznych; automatyczne usuwanie danych po okresie przechowywania."
)

ENTRIES: list[dict[str, Any]] = [
    {
        "key": "informacja-publiczna",
        "order": 10,
        "name": "Wnioski o udostępnienie informacji publicznej",
        "purposes": (
            "Rozpatrzenie wniosku o udostępnienie informacji publicznej, wniosku o ponowne rozpatrzenie sprawy i "
            "przekazanie skargi do sądu administracyjnego; prowadzenie rejestru wniosków."
        ),
        "legal_basis": (
            "Art. 6 ust. 1 lit. c RODO w związku z art. 10, 13, 14, 16, 17 i 21 ustawy z dnia 6 września 2001 r. "
            "o dostępie do informacji publicznej oraz art. 54 ustawy z dnia 30 sierpnia 2002 r. – Prawo o "
            "postępowaniu przed sądami administracyjnymi."
        ),
        "data_subjects": (
            "Wnioskodawcy będący osobami fizycznymi i ich pełnomocnicy; osoby, których dotyczy żądana informacja "
            "(przy odmowie ze względu na prywatność, art. 5 ust. 2 ustawy)."
        ),
        "data_categories": (
            "Imię i nazwisko (wniosek nie musi być podpisany), adres do korespondencji, adres e-mail, adres "
            "skrytki ePUAP, treść wniosku, skan wniosku z podpisem."
        ),
        "recipients": "Wojewódzki sąd administracyjny (skarga z aktami sprawy); operator pocztowy. "
        + PROCESSOR,
        "retention": (
            "Akta sprawy: według jednolitego rzeczowego wykazu akt Stowarzyszenia. Dane wnioskodawcy na "
            "platformie: według reguł poniżej."
        ),
        "erasure_rules": [
            "public_information.requesters",
            "public_information.reconsiderations",
            "public_information.complaints",
        ],
        "to_verify": True,
        "verification_note": (
            "Kategoria archiwalna akt (przyjęto B5, licząc od 1 stycznia roku po zakończeniu sprawy) – do "
            "weryfikacji z JRWA Stowarzyszenia. Przepisy ustawy o dostępie do informacji publicznej według "
            "opisu w module wniosków platformy; tekst jednolity – do sprawdzenia w ISAP."
        ),
    },
    {
        "key": "konsultacje-strategii",
        "order": 20,
        "name": "Uwagi w konsultacjach społecznych strategii ZIT",
        "purposes": (
            "Rozpatrzenie uwag zgłoszonych w konsultacjach projektu strategii i przygotowanie raportu z "
            "konsultacji z rozstrzygnięciem każdej uwagi; odpowiedź autorowi, który podał e-mail."
        ),
        "legal_basis": (
            "Art. 6 ust. 1 lit. e RODO w związku z art. 6 ust. 3–6 ustawy z dnia 6 grudnia 2006 r. o zasadach "
            "prowadzenia polityki rozwoju (konsultacje i raport z konsultacji)."
        ),
        "data_subjects": "Osoby zgłaszające uwagi (mieszkańcy, przedstawiciele instytucji i organizacji).",
        "data_categories": (
            "Imię i nazwisko i e-mail (podawane dobrowolnie), instytucja lub organizacja, treść uwagi, skrót "
            "identyfikujący urządzenie wysyłającego (do limitu wysyłek)."
        ),
        "recipients": (
            "Nikt poza biurem: w raporcie i na stronie publikujemy tylko nazwę instytucji albo „osoba prywatna”. "
            + PROCESSOR
        ),
        "retention": "Uwagi i raport z konsultacji zostają w dokumentacji strategii bez danych autora.",
        "erasure_rules": ["strategy.commenters"],
        "to_verify": True,
        "verification_note": (
            "Klauzula przy formularzu uwag powołuje art. 6 ust. 1 lit. e RODO w związku z ustawą o samorządzie "
            "gminnym – ujednolicić z wpisem. Okres 5 lat od końca konsultacji – do weryfikacji z JRWA i zasadami "
            "przechowywania dokumentacji programu."
        ),
    },
    {
        "key": "zgloszenia-pes",
        "order": 30,
        "name": "Zgłoszenia podmiotów do katalogu ekonomii społecznej",
        "purposes": "Rozpatrzenie zgłoszenia podmiotu ekonomii społecznej do katalogu i kontakt w jego sprawie.",
        "legal_basis": (
            "Art. 6 ust. 1 lit. e RODO – zadanie w interesie publicznym: wspieranie ekonomii społecznej na "
            "obszarze ZIT (tak klauzula informacyjna formularza)."
        ),
        "data_subjects": "Osoby zgłaszające podmiot (osoby do kontaktu).",
        "data_categories": "Imię i nazwisko, e-mail, telefon osoby do kontaktu.",
        "recipients": (
            "Wielkopolski Ośrodek Ekonomii Społecznej (osoba kontaktowa WOES prowadząca katalog). "
            + PROCESSOR
        ),
        "retention": "2 lata od rozpatrzenia zgłoszenia, jak obiecuje klauzula informacyjna formularza.",
        "erasure_rules": ["social_economy.listing_requesters"],
        "to_verify": True,
        "verification_note": (
            "Przepis, który powierza Stowarzyszeniu zadanie wspierania ekonomii społecznej (art. 6 ust. 3 RODO), "
            "nie jest wskazany – do weryfikacji (np. statut, ustawa z dnia 5 sierpnia 2022 r. o ekonomii "
            "społecznej)."
        ),
    },
    {
        "key": "konta-uzytkownikow",
        "order": 40,
        "name": "Konta użytkowników platformy i dziennik zmian",
        "purposes": (
            "Dostęp do platformy: logowanie, role i uprawnienia, drugi składnik logowania; rozliczalność zmian "
            "(kto, kiedy i co zmienił)."
        ),
        "legal_basis": (
            "Art. 6 ust. 1 lit. c RODO w związku z art. 5 ust. 2 i art. 32 RODO (rozliczalność, bezpieczeństwo "
            "przetwarzania); wobec pracowników biura także art. 6 ust. 1 lit. b RODO (stosunek pracy)."
        ),
        "data_subjects": (
            "Pracownicy biura, członkowie organów, urzędnicy gmin członkowskich, użytkownicy beneficjentów, "
            "oceniający, osoba kontaktowa WOES."
        ),
        "data_categories": (
            "Imię i nazwisko, login, służbowy e-mail, role i ich zakres, dane drugiego składnika logowania, adres "
            "IP i czas zmian zapisany w dzienniku zmian."
        ),
        "recipients": PROCESSOR,
        "retention": (
            "Konto: do odebrania dostępu. Wygasłe sesje logowania usuwa codziennie zadanie „Usuwanie wygasłych "
            "sesji logowania”. Dziennik zmian jest niezmienny; na wniosek osoby (art. 17 RODO) jej dane są w nim "
            "zastępowane pseudonimem."
        ),
        "erasure_rules": [],
        "to_verify": True,
        "verification_note": "Podstawa i okres przechowywania dziennika zmian – do weryfikacji.",
    },
    {
        "key": "oceniajacy",
        "order": 50,
        "name": "Oceniający projekty i oświadczenia o bezstronności",
        "purposes": "Ocena projektów zgłaszanych do ZIT, przydział ocen, oświadczenia o bezstronności.",
        "legal_basis": (
            "Art. 6 ust. 1 lit. c RODO w związku z ustawą z dnia 28 kwietnia 2022 r. o zasadach realizacji zadań "
            "finansowanych ze środków europejskich w perspektywie finansowej 2021–2027 i porozumieniem ZIT z "
            "instytucją zarządzającą."
        ),
        "data_subjects": "Oceniający (pracownicy biura i eksperci).",
        "data_categories": "Imię i nazwisko, login, oświadczenie o bezstronności, oceny i ich uzasadnienia.",
        "recipients": (
            "Instytucja zarządzająca programem regionalnym; instytucje kontroli i audytu programu. "
            + PROCESSOR
        ),
        "retention": (
            "Dokumentacja oceny: przez okres przechowywania dokumentów programu wskazany w porozumieniu ZIT."
        ),
        "erasure_rules": [],
        "to_verify": True,
        "verification_note": (
            "Przepisy ustawy z 28 kwietnia 2022 r. o wyborze projektów i bezstronności oraz okres (art. 82 "
            "rozporządzenia (UE) 2021/1060) – do weryfikacji."
        ),
    },
    {
        "key": "czlonkowie-i-skladki",
        "order": 60,
        "name": "Członkowie, organy Stowarzyszenia i składki: osoby reprezentujące członków",
        "purposes": (
            "Lista członków, organów i mandatów, zawiadomienia o posiedzeniach, głosowania, ustalanie składek i "
            "przypomnienia o nich, kontakt z gminami."
        ),
        "legal_basis": (
            "Art. 6 ust. 1 lit. c i e RODO w związku z ustawą z dnia 7 kwietnia 1989 r. – Prawo o "
            "stowarzyszeniach, art. 84 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym i statutem "
            "Stowarzyszenia."
        ),
        "data_subjects": (
            "Wójtowie, burmistrzowie i prezydent reprezentujący członków, członkowie Walnego Zebrania, Zarządu i "
            "Komisji Rewizyjnej, osoby kontaktowe gmin."
        ),
        "data_categories": (
            "Imię i nazwisko, funkcja, służbowy e-mail i telefon, mandaty i ich okresy, obecność i głosy."
        ),
        "recipients": "Publicznie w BIP: skład organów i wyniki głosowań. " + PROCESSOR,
        "retention": (
            "Dane kontaktowe: do końca funkcji; na wniosek osoby biuro usuwa je przyciskiem „Usuń dane na wniosek "
            "(RODO)” (art. 17 RODO). Uchwały i protokoły: wieczyście."
        ),
        "erasure_rules": [],
        "to_verify": True,
        "verification_note": "Podstawa (statut) i kategoria archiwalna uchwał i protokołów – do weryfikacji.",
    },
    {
        "key": "subskrypcje",
        "order": 70,
        "name": "Subskrypcje powiadomień e-mail",
        "purposes": "Wysyłka wiadomości o nowościach: konsultacjach, uchwałach i projektach.",
        "legal_basis": (
            "Art. 6 ust. 1 lit. a RODO – zgoda, którą można wycofać w każdej chwili (art. 7 ust. 3 RODO)."
        ),
        "data_subjects": "Osoby zapisane na powiadomienia.",
        "data_categories": "Adres e-mail, wybrane tematy i gminy, czas zapisu i potwierdzenia.",
        "recipients": PROCESSOR,
        "retention": (
            "Do wypisania (wypisanie usuwa adres). Adres niepotwierdzony: usuwany po 3 dniach przez zadanie "
            "„Usuwanie niepotwierdzonych subskrypcji e-mail”."
        ),
        "erasure_rules": [],
        "to_verify": False,
        "verification_note": (
            "Art. 6 ust. 1 lit. a i art. 7 ust. 3 RODO sprawdzone w publicznie dostępnym tekście "
            "rozporządzenia (opis w przewodniku, część o subskrypcjach)."
        ),
    },
    {
        "key": "bip",
        "order": 80,
        "name": "Biuletyn Informacji Publicznej: rejestr uchwał i metryczki",
        "purposes": "Publikacja informacji publicznej w BIP: uchwały, protokoły, wyniki głosowań, metryczki.",
        "legal_basis": (
            "Art. 6 ust. 1 lit. c RODO w związku z art. 8 ustawy z dnia 6 września 2001 r. o dostępie do "
            "informacji publicznej i rozporządzeniem Ministra Spraw Wewnętrznych i Administracji z dnia 18 "
            "stycznia 2007 r. w sprawie Biuletynu Informacji Publicznej (metryczka)."
        ),
        "data_subjects": (
            "Osoby, które wytworzyły lub wprowadziły informację; członkowie organów; osoby wymienione w "
            "uchwałach."
        ),
        "data_categories": "Imię i nazwisko, funkcja, głos w głosowaniu.",
        "recipients": "Każdy: publikacja w Internecie. " + PROCESSOR,
        "retention": "Informacja w BIP i rejestr jej zmian: bez terminu.",
        "erasure_rules": [],
        "to_verify": True,
        "verification_note": (
            "Zakres danych w metryczce i okres publikacji – do weryfikacji z rozporządzeniem w sprawie BIP."
        ),
    },
]


def seed(activity_model: Any, version_model: Any) -> int:
    """Create the entries that do not exist yet (by key), each with its first version."""
    made = 0
    for entry in ENTRIES:
        if activity_model.objects.filter(key=entry["key"]).exists():
            continue
        fields = {"security_measures": SECURITY, "transfers": "Nie przekazujemy."} | entry
        activity = activity_model.objects.create(updated_by_label="system", version=1, **fields)
        content = {k: v for k, v in fields.items() if k not in ("key", "order")}
        version_model.objects.create(
            activity=activity, number=1, content=content, note="Wpis początkowy.", created_by_label="system"
        )
        made += 1
    return made
