"""What the law says of each step of a strategy's procedure: its legal basis, how far that basis is confirmed
in a primary text, and the term it sets (counted from which date, how many days, what silence means).

One table, read by the procedure's service (validation), its page (the basis and the computed deadline next to
each step), the inbox and the documents. docs/legal-bases.md keeps the same provisions with the copies read.
Terms are counted as the Civil Code counts them (`zit.core.days`: the starting day is not counted, a last day on
a Saturday or a holiday moves to the next working day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zit.core.days import deadline_in_days
from zit.strategy.models import ProcedureStep

K = ProcedureStep.Kind

CONSULTATION_MIN_DAYS = 35  # art. 6 ust. 3 u.z.p.p.r.: "nie krótszy niż 35 dni od dnia ogłoszenia"
SEA_PARTICIPATION_MIN_DAYS = 21  # art. 39 ust. 1 pkt 3 and art. 54 ust. 2 ooś


@dataclass(frozen=True)
class StepRule:
    article: Promise | str  # "art. 10g ust. 4a"
    act: str  # a key of ACTS
    confirmed: bool  # read in a primary text (docs/legal-bases.md names the copy)
    source: Promise | str = ""  # for an unconfirmed rule: the secondary source used
    anchor: str = (
        ""  # "received" (a letter reached its addressee), "started" (the notice), "consultation_end"
    )
    days: int = 0  # the term in days from the anchor
    silence: str = ""  # the outcome recorded when the term passes with no answer
    minimum: bool = False  # the term is a minimum duration (the step may not end earlier), not a deadline
    after_adoption: bool = False  # the step comes after the Rada's adopting resolution
    for_zit: bool = False  # one of the opinions after which the version is the ZIT strategy

    @property
    def basis(self) -> str:
        """The provision with the act's full title, as documents cite it."""
        if not self.act:
            return str(self.article)
        return f"{self.article} {ACTS[self.act][1]}"

    @property
    def short(self) -> str:
        """The provision with the act's abbreviation, as the procedure's table cites it."""
        if not self.act:
            return str(self.article)
        return f"{self.article} {ACTS[self.act][0]}"

    @property
    def status_text(self) -> str:
        if self.confirmed:
            return str(_("potwierdzone w tekście ustawy"))
        return str(_("do weryfikacji; źródło: %(s)s") % {"s": self.source})

    def term_end(self, anchor_day: dt.date | None) -> dt.date | None:
        """The last day of the term counted from `anchor_day` (art. 111 § 2 and 115 k.c.)."""
        if anchor_day is None or not self.days:
            return None
        return deadline_in_days(anchor_day, self.days)


ACT_USG = _("ustawy z 8 marca 1990 r. o samorządzie gminnym (Dz.U. z 2024 r. poz. 1465 t.j.)")
ACT_UZPPR = _(
    "ustawy z 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju (Dz.U. z 2024 r. poz. 324 t.j.)"
)
ACT_OOS = _(
    "ustawy z 3 października 2008 r. o udostępnianiu informacji o środowisku i jego ochronie, udziale "
    "społeczeństwa w ochronie środowiska oraz o ocenach oddziaływania na środowisko (Dz.U. z 2023 r. poz. 1094 t.j.)"
)
ACT_2022 = _(
    "ustawy z 28 kwietnia 2022 r. o zasadach realizacji zadań finansowanych ze środków europejskich w "
    "perspektywie finansowej 2021–2027 (Dz.U. z 2022 r. poz. 1079)"
)
# key: (abbreviation, the full title in the genitive, as "art. … ustawy …" reads)
ACTS = {
    "usg": (_("u.s.g."), ACT_USG),
    "uzppr": (_("u.z.p.p.r."), ACT_UZPPR),
    "oos": (_("ustawy ooś"), ACT_OOS),
    "act2022": (_("ustawy wdrożeniowej 2021–2027"), ACT_2022),
}
ART_34_SOURCE = _(
    "tekst art. 34 nieprzeczytany; praktyka: sako-info.pl (dwie opinie strategii Aglomeracji Kalisko-Ostrowskiej "
    "z 25 października 2023 r.), ofpodhale.pl (art. 34 ust. 6 pkt 2); uchwała nr 7810/2024 Zarządu "
    "Województwa Wielkopolskiego z 25 stycznia 2024 r."
)

RULES: dict[str, StepRule] = {
    K.DRAFTING_RESOLUTION: StepRule(
        article=_("art. 10g ust. 4a"),
        act="usg",
        confirmed=True,
    ),
    K.CONSULTATION: StepRule(
        article=_("art. 6 ust. 3–5"),
        act="uzppr",
        confirmed=True,
        anchor="started",
        days=CONSULTATION_MIN_DAYS,
        minimum=True,
    ),
    K.CONSULTATION_REPORT: StepRule(
        article=_("art. 6 ust. 6"),
        act="uzppr",
        confirmed=False,
        source=_("aglomeracja-opolska.pl, rpo.slaskie.pl (30 dni od zakończenia konsultacji)"),
        anchor="consultation_end",
        days=30,
    ),
    K.OPINION: StepRule(
        article=_("art. 6 ust. 3"),
        act="uzppr",
        confirmed=True,
    ),
    K.REGIONAL_OPINION: StepRule(
        article=_("art. 10f ust. 2–3 w związku z art. 10g"),
        act="usg",
        confirmed=False,
        source=_(
            "art. 10f ust. 2–3 potwierdzony dla strategii gminy (arslege.pl, Dz.U. z 2024 r. poz. 1465); "
            "jego stosowanie do strategii ponadlokalnej przez art. 10g do weryfikacji"
        ),
        anchor="received",
        days=30,
        silence=ProcedureStep.Outcome.DEEMED,
    ),
    K.SEA: StepRule(
        article=_("art. 46–55"),
        act="oos",
        confirmed=False,
        source=_("art. 46, 47 i 55 nieprzeczytane w tekście jednolitym"),
    ),
    K.SEA_SCOPE: StepRule(
        article=_("art. 53"),
        act="oos",
        confirmed=False,
        source=_("art. 53 potwierdzony w brzmieniu z 2020 r. (sip.lex.pl); obecne brzmienie do weryfikacji"),
        anchor="received",
        days=30,
    ),
    K.SEA_OPINIONS: StepRule(
        article=_("art. 54 ust. 1"),
        act="oos",
        confirmed=True,
        anchor="received",
        days=30,
    ),
    K.SEA_PARTICIPATION: StepRule(
        article=_("art. 39, 41 i 54 ust. 2"),
        act="oos",
        confirmed=True,
        anchor="started",
        days=SEA_PARTICIPATION_MIN_DAYS,
        minimum=True,
    ),
    K.SEA_SUMMARY: StepRule(
        article=_("art. 55 ust. 3"),
        act="oos",
        confirmed=False,
        source=_("art. 55 nieprzeczytany w tekście jednolitym"),
    ),
    K.SEA_WAIVER: StepRule(
        article=_("art. 48 ust. 1–4"),
        act="oos",
        confirmed=True,
    ),
    K.ADOPTION: StepRule(
        article=_("art. 10g ust. 4 i 4a"),
        act="usg",
        confirmed=False,
        source=_(
            "ust. 4 i 4a potwierdzone (lexlege.pl, Dz.U. z 2023 r. poz. 40); przepis o przyjęciu strategii przez "
            "organ stanowiący stowarzyszenia (art. 10g ust. 5 i dalsze) nieprzeczytany; statut Stowarzyszenia"
        ),
    ),
    K.IZ_OPINION: StepRule(
        article=_("art. 34"),
        act="act2022",
        confirmed=False,
        source=ART_34_SOURCE,
        after_adoption=True,
        for_zit=True,
    ),
    K.MINISTRY_OPINION: StepRule(
        article=_("art. 34"),
        act="act2022",
        confirmed=False,
        source=ART_34_SOURCE,
        after_adoption=True,
        for_zit=True,
    ),
    K.OTHER: StepRule(article="—", act="", confirmed=True),
}


def rule(kind: str) -> StepRule:
    return RULES.get(kind, RULES[K.OTHER])


# the kinds of the environmental assessment: either the assessment's own steps or the waiver
SEA_KINDS = (K.SEA, K.SEA_SCOPE, K.SEA_OPINIONS, K.SEA_PARTICIPATION, K.SEA_SUMMARY)
OPINION_KINDS = (K.REGIONAL_OPINION, K.IZ_OPINION, K.MINISTRY_OPINION, K.SEA_SCOPE, K.SEA_OPINIONS)


def consultation_earliest_end(opens: dt.date) -> dt.date:
    """The first day a consultation announced on `opens` may end: 35 days from the notice, the notice's day not
    counted (art. 111 § 2 k.c.), moved past a Saturday or a holiday (art. 115 k.c.). Konin's consultations of
    1 August – 5 September 2022 and 4 July – 8 August 2024 ended exactly then."""
    return deadline_in_days(opens, CONSULTATION_MIN_DAYS)


def consultation_too_short(opens: dt.date, closes: dt.date) -> str | None:
    """The refusal of a consultation that ends before its minimum, in Polish, or None."""
    from zit.core.formatting import format_date

    earliest = consultation_earliest_end(opens)
    if closes >= earliest:
        return None
    return str(
        _(
            "Konsultacje trwają co najmniej %(min)d dni od dnia ogłoszenia (art. 6 ust. 3 ustawy o zasadach "
            "prowadzenia polityki rozwoju; dnia ogłoszenia nie liczy się, a termin kończący się w sobotę lub "
            "święto przesuwa się na następny dzień roboczy): przy ogłoszeniu %(a)s mogą się skończyć najwcześniej "
            "%(b)s."
        )
        % {"min": CONSULTATION_MIN_DAYS, "a": format_date(opens), "b": format_date(earliest)}
    )
