"""First contents of the accessibility statement and of the easy-to-read text: data the office edits, so
Polish only (the statement describes a Polish website under Polish law). Anything the office must still
supply says "do uzupełnienia"; a legal reference not confirmed in the primary text says "do weryfikacji"."""

import datetime as dt

# The statement was first written on the day the platform's statement page gained these sections.
PREPARED_ON = dt.date(2026, 12, 7)

KNOWN_PROBLEMS = "\n".join(
    [
        "Noty o źródłach danych są opublikowane w języku angielskim (oznaczonym w kodzie strony); "
        "streszczenie każdej noty jest po polsku.",
        "Mapa interaktywna wymaga JavaScriptu i nie zastąpi tabeli: te same informacje podajemy jako listę gmin "
        "z odnośnikami i jako mapę w formacie SVG, która działa bez JavaScriptu.",
        "Dokumenty dodawane jako załączniki (uchwały, protokoły, skany pism) mogą nie być dostępne cyfrowo, "
        "jeśli powstały poza platformą; na żądanie przygotujemy ich dostępną wersję.",
        "Nie ma jeszcze nagrania informacji o Stowarzyszeniu w polskim języku migowym (do uzupełnienia); "
        "jego treść jest na stronie w tekście łatwym do czytania.",
    ]
)

EXEMPTIONS = "\n".join(
    [
        "Mapy: kluczowe informacje z map (granice gmin, położenie projektów) podajemy także w postaci list i "
        "tabel; wyłączenie map z obowiązku dostępności cyfrowej wynika z art. 3 ustawy o dostępności cyfrowej "
        "(ustęp i punkt do weryfikacji).",
    ]
)

ARCHITECTURE = (
    "Siedziba Stowarzyszenia: ul. płk. Witolda Sztarka 1, 62-500 Konin.\n"
    "Opis dostępności budynku (wejścia, schody i pochylnie, windy, toalety dla osób z niepełnosprawnościami, "
    "miejsca parkingowe, pętla indukcyjna, oznaczenia w alfabecie Braille'a, wejście z psem asystującym) "
    "– do uzupełnienia przez biuro Stowarzyszenia.\n"
    "Do tego czasu prosimy o kontakt przed wizytą, abyśmy mogli przygotować spotkanie."
)

SIGN_LANGUAGE = (
    "Jeśli potrzebujesz tłumacza polskiego języka migowego (PJM), napisz lub zadzwoń do biura przed wizytą. "
    "Sposób i termin zgłoszenia – do uzupełnienia przez biuro Stowarzyszenia."
)

MOBILE_APPS = "Stowarzyszenie nie udostępnia aplikacji mobilnych."

PJM_TEXT = ""

EASY_READ = """## Kim jesteśmy

Jesteśmy Stowarzyszeniem Aglomeracji Konińskiej.
Stowarzyszenie to grupa, która razem działa w jednej sprawie.
Nasze Stowarzyszenie tworzą samorządy.
Samorząd to władza w mieście, w gminie albo w powiecie.
Na przykład: prezydent miasta, burmistrz, wójt albo starosta.

Stowarzyszenie powstało 27 września 2021 roku.
Założyło je 16 samorządów.
Są to: miasto Konin, powiat koniński i 14 gmin z powiatu konińskiego.

## Co robimy

Chcemy, żeby w okolicy Konina żyło się lepiej.
Pomagamy miastu Konin i gminom wokół Konina pracować razem.

Razem planujemy, jak nasza okolica ma się rozwijać.
Taki plan nazywa się strategia.
Nasza strategia opisuje, co chcemy zrobić do 2030 roku.

Zanim przyjmiemy strategię, pytamy mieszkańców o zdanie.
Takie pytanie mieszkańców to konsultacje społeczne.

## Pieniądze z Unii Europejskiej

Unia Europejska daje pieniądze na rozwój miast i wsi.
Część tych pieniędzy jest dla okolic Konina.

Tak dzielone pieniądze nazywają się ZIT.
ZIT to skrót od słów: Zintegrowane Inwestycje Terytorialne.
Zintegrowane znaczy: wspólne.
Inwestycja to coś, co budujemy albo robimy na lata.
Terytorialne znaczy: dla jednego obszaru.

Miasto i gminy razem wybierają ważne projekty.
Projekt to plan jednej pracy.
Na przykład lepszy transport publiczny.

Stowarzyszenie sprawdza, czy projekt pasuje do strategii.
Umowy na pieniądze podpisuje Zarząd Województwa Wielkopolskiego.

## Kto decyduje w Stowarzyszeniu

Rada Stowarzyszenia.
W Radzie jest jedna osoba z każdego samorządu.
Rada podejmuje najważniejsze decyzje.
Te decyzje to uchwały.

Zarząd.
Zarząd prowadzi sprawy Stowarzyszenia na co dzień.

Komisja Rewizyjna.
Komisja sprawdza pracę Zarządu.

## Co znajdziesz na tej stronie

- Listę samorządów, które należą do Stowarzyszenia.
- Mapę naszego obszaru.
- Strategię i listę projektów.
- Uchwały i inne dokumenty.

## Jak się z nami skontaktować

Biuro Stowarzyszenia jest w Koninie.
Adres: ul. płk. Witolda Sztarka 1, 62-500 Konin.

Możesz do nas napisać list.
Możesz napisać e-mail albo zadzwonić.
Adres e-mail i numer telefonu są na stronie Kontakt.

Możesz też przyjść do biura.
Najpierw zadzwoń albo napisz.
Wtedy przygotujemy się na Twoją wizytę.
Napisz nam, jeśli potrzebujesz pomocy.
Na przykład tłumacza polskiego języka migowego.
"""
