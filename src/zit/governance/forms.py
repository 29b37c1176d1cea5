from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zit.association.models import Body, Member, Person
from zit.core.formatting import with_data_lazy
from zit.governance.models import (
    AdvisoryOpinion,
    Ballot,
    GovernanceSettings,
    Meeting,
    PublicDocument,
    Resolution,
    ResolutionKind,
    Vote,
    VotingRule,
)
from zit.governance.models.opinions import subject_label
from zit.governance.votes import BallotChange, member_choices_for_seat
from zit.governance.voting import Seat

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "body",
            "number",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "chair",
            "minutes_taker",
            "invitation_note",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "invitation_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place": _("Adres i sala. Gdy posiedzenie jest tylko online, zostaw puste i podaj link."),
            "invitation_note": _("Dodatkowe zdanie w zaproszeniu, np. o materiałach do przeczytania."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(erased_at__isnull=True)
        self.fields["chair"].queryset = people
        self.fields["minutes_taker"].queryset = people


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Punkt porządku obrad"), max_length=500)
    description = forms.CharField(label=_("Opis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    resolution = forms.ModelChoiceField(
        label=_("Projekt uchwały do podjęcia w tym punkcie"),
        queryset=Resolution.objects.none(),
        required=False,
        help_text=_("Projekty uchwał tego organu, nad którymi jeszcze nie głosowano."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = Resolution.objects.filter(
            body=meeting.body, status=Resolution.Status.DRAFT, agenda_item__isnull=True
        )


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = [
            "body",
            "kind",
            "subject",
            "text",
            "justification",
            "strategy_version",
            "list_version",
            "annual_report",
            "fee_rule",
            "member",
            "effective_on",
            "fiscal_year",
            "amends",
            "repeals",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "justification": forms.Textarea(attrs={"rows": 5}),
            "effective_on": DATE,
        }
        help_texts = {
            "subject": with_data_lazy(
                _("Dokończenie zdania „%(sentence)s”."), sentence="Uchwała … w sprawie …"
            ),
            "kind": _(
                "Od tego zależy, co uchwała zmieni w platformie po podjęciu (np. zatwierdzi listę projektów) "
                "i jaka większość jest potrzebna."
            ),
            "strategy_version": _("Dla uchwał o trybie prac nad strategią i o jej przyjęciu."),
            "list_version": _("Wersja robocza listy: dla zatwierdzenia listy i przeznaczenia oszczędności."),
            "annual_report": _("Dla przyjęcia sprawozdania."),
            "fee_rule": _("Dla uchwały o składkach: projekt zasad na dany rok."),
            "member": _("Dla przyjęcia albo wystąpienia członka."),
            "fiscal_year": _("Dla zatwierdzenia sprawozdania finansowego, absolutorium i budżetu."),
            "text": _(
                "Każdy akapit (oddzielony pustą linią) to kolejny paragraf; § o wejściu w życie dodamy sami."
            ),
        }

    class Media:
        js = ["zit/resolution-kind.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import json

        from zit.governance.effects import TARGET_CHOICES
        from zit.governance.resolutions import TARGET_FIELDS, TARGETS

        self.fields["kind"].widget.attrs.update(
            {
                "data-targets": json.dumps({str(k): list(v) for k, v in TARGETS.items()}),
                "data-all-targets": json.dumps(list(TARGET_FIELDS)),
            }
        )
        from zit.monitoring.models import AnnualReport
        from zit.projects.models import ListVersion
        from zit.strategy.models import StrategyVersion

        self.fields["kind"].choices = ResolutionKind.choices
        self.fields["strategy_version"].queryset = StrategyVersion.objects.exclude(
            status__in=[StrategyVersion.Status.ADOPTED, StrategyVersion.Status.SUPERSEDED]
        )
        self.fields["list_version"].queryset = ListVersion.objects.filter(status=ListVersion.Status.DRAFT)
        self.fields["annual_report"].queryset = AnnualReport.objects.filter(
            status=AnnualReport.Status.READY, approved_by__isnull=True
        )
        for name, choices in TARGET_CHOICES.items():  # the drafts of the apps above governance (fee rules)
            self.fields[name].queryset = choices()
        adopted = Resolution.objects.filter(status=Resolution.Status.ADOPTED).select_related("body")
        self.fields["amends"].queryset = adopted
        self.fields["repeals"].queryset = adopted
        self.fields["member"].queryset = Member.objects.all()


class VoteStartForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Jak zapisujesz głosowanie?"),
        choices=Vote.Mode.choices,
        widget=forms.RadioSelect,
        initial=Vote.Mode.LIVE,
    )


@dataclass
class BallotRow:
    """One seat on the roll-call page: its choice, who voted where the form asks, and its errors."""

    ballot: Ballot
    choice: forms.BoundField
    person: forms.BoundField | None
    seat: Seat | None

    @property
    def label(self) -> str:
        return self.choice.label

    @property
    def error_id(self) -> str:
        """The element that holds the seat's errors: always on the page, so that `aria-describedby` points at
        something that exists and an htmx answer can fill it in or empty it."""
        return f"{self.choice.auto_id}_error"

    @property
    def errors(self) -> list[str]:
        return list(self.choice.errors) + (list(self.person.errors) if self.person is not None else [])

    @property
    def summary(self) -> list[str]:
        """The errors as the summary at the top lists them: each names its seat."""
        return [e if self.label in e else f"{self.label}: {e}" for e in self.errors]

    @property
    def anchor(self) -> str:
        """Where a link from the summary leads: the person to name, else the first choice."""
        return self.person.id_for_label if self.person is not None else f"{self.choice.auto_id}_0"


class BallotsForm(forms.Form):
    """One choice per seat of the body, and who voted where someone else sat for the member."""

    # its errors have their own summary, which htmx refreshes in place with the seats (_ballots_summary.html)
    own_error_summary = True

    def __init__(self, *args, ballots, seats, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {s.key: s for s in seats}
        self.rows: list[BallotRow] = []
        for ballot in ballots:
            seat = labels.get(ballot.seat)
            name = ballot.seat.replace(":", "_")
            label = seat.label if seat else ballot.seat
            self.fields[f"c_{name}"] = forms.ChoiceField(
                label=label,
                choices=Ballot.Choice.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=ballot.choice,
            )
            people = member_choices_for_seat(ballot.member) if ballot.member_id else []
            if people:
                self.fields[f"p_{name}"] = forms.ModelChoiceField(
                    label=_("Głosował(a) za: %(s)s") % {"s": label},
                    queryset=Person.objects.filter(pk__in=[p.pk for p in people]),
                    required=False,
                    initial=ballot.person_id
                    or (seat.representative.pk if seat and seat.representative else None),
                )
            row = BallotRow(ballot, self[f"c_{name}"], self[f"p_{name}"] if people else None, seat)
            if row.person is not None:
                row.person.field.widget.attrs["aria-describedby"] = row.error_id
            self.rows.append(row)

    def changes(self) -> Iterator[BallotChange]:
        for row in self.rows:
            value = self.cleaned_data.get(row.choice.name)
            who = self.cleaned_data.get(row.person.name) if row.person is not None else None
            if value and (value != row.ballot.choice or (who and who.pk != row.ballot.person_id)):
                yield BallotChange(row.ballot.seat, value, who)

    def add_ballot_errors(self, error: ValidationError) -> None:
        """Put the errors of `ballots_record` by their seats (on the person to name where the form asks for
        one); errors about the whole vote go to the top."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        rows = {row.ballot.seat: row for row in self.rows}
        for seat, messages in error.message_dict.items():
            row = rows.get(seat)
            if row is None:
                self.add_error(None, messages)
            else:
                self.add_error((row.person or row.choice).name, messages)


class VoteCloseForm(forms.Form):
    number = forms.IntegerField(
        label=_("Numer uchwały z protokołu"),
        required=False,
        min_value=1,
        help_text=_("Puste: następny wolny numer w roku. Podaj, gdy przepisujesz uchwałę z protokołu."),
    )

    def __init__(self, *args, from_minutes: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not from_minutes:  # a live vote takes the next number: the page shows no field for it
            del self.fields["number"]


class AttendanceRowForm(forms.Form):
    """One row of the attendance list, saved at once: the seat, present or not, and who sits for it."""

    seat = forms.CharField(max_length=20)
    present = forms.ChoiceField(choices=[("1", _("obecny(-a)")), ("0", _("nieobecny(-a)"))])
    person = forms.ModelChoiceField(queryset=Person.objects.filter(erased_at__isnull=True), required=False)


class PublishForm(forms.Form):
    prepared_by = forms.CharField(
        label=_("Informację wytworzył(a)"),
        max_length=200,
        error_messages={"required": _("Podaj, kto wytworzył informację (imię, nazwisko, funkcja).")},
        help_text=_(
            "Imię, nazwisko i funkcja, np. „Piotr Pokazowy, Przewodniczący Rady”. Trafia do metryczki."
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Powód"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500)


class MinutesNotesForm(forms.Form):
    minutes_notes = forms.CharField(
        label=_("Przebieg obrad"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Najważniejsze wypowiedzi i ustalenia; akapity oddzielaj pustą linią."),
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Tytuł załącznika"), max_length=300)
    file = forms.FileField(label=_("Plik"))


class PublicDocumentForm(forms.ModelForm):
    class Meta:
        model = PublicDocument
        fields = ["title", "category", "description", "file", "prepared_by", "prepared_on", "meeting"]
        widgets = {"prepared_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class VotingRuleForm(forms.ModelForm):
    class Meta:
        model = VotingRule
        fields = ["body", "kind", "majority", "base", "qualified_fraction", "note"]
        localized_fields = ["qualified_fraction"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.all()


class EffectAppliersForm(forms.Form):
    effect_appliers = forms.ChoiceField(
        label=_("Kto wprowadza skutki podjętych uchwał"),
        choices=GovernanceSettings.EffectAppliers.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Skutek to zmiana, którą uchwała wprowadza w rejestrach platformy (lista projektów, strategia, "
            "członkostwo, składki). Biuro wprowadza go zawsze; sekretarz organu – tylko gdy tak tu wybrano. "
            "Czekające skutki pojawiają się w powiadomieniach tych, którzy mogą je wprowadzić."
        ),
    )


class YearDocumentForm(forms.Form):
    """One of the reporting year's documents, published in the register (`years.year_document_upload`)."""

    title = forms.CharField(label=_("Tytuł"), max_length=300)
    file = forms.FileField(label=_("Plik"), help_text=_("PDF, DOCX, XLSX, ODT, ODS, CSV albo TXT."))
    prepared_by = forms.CharField(
        label=_("Informację wytworzył(a)"),
        max_length=200,
        error_messages={"required": _("Podaj, kto wytworzył informację (imię, nazwisko, funkcja).")},
        help_text=_("Imię, nazwisko i funkcja osoby odpowiedzialnej za treść. Trafia do metryczki."),
    )
    prepared_on = forms.DateField(label=_("Data wytworzenia"), required=False, widget=DATE)
    description = forms.CharField(
        label=_("Opis"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class YearFilingForm(forms.Form):
    filed_on = forms.DateField(label=_("Data wysłania"), widget=DATE)
    reference = forms.CharField(
        label=_("Potwierdzenie wysłania"),
        max_length=200,
        help_text=_("Numer UPO albo inny znak, po którym wysyłkę można odnaleźć."),
    )


class AdvisoryOpinionForm(forms.Form):
    """The working group's opinion: one select for its subject, grouped by kind (list, strategy, report)."""

    body = forms.ModelChoiceField(label=_("Organ opiniujący"), queryset=Body.objects.none())
    subject = forms.ChoiceField(
        label=_("Czego dotyczy opinia"),
        help_text=_("Wersja listy projektów strategicznych, wersja strategii albo sprawozdanie roczne."),
    )
    given_on = forms.DateField(label=_("Data wydania opinii"), widget=DATE)
    outcome = forms.ChoiceField(
        label=_("Opinia"), choices=AdvisoryOpinion.Outcome.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Treść i uwagi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Obowiązkowe, gdy opinia jest pozytywna z uwagami albo negatywna."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Posiedzenie grupy"), queryset=Meeting.objects.none(), required=False
    )
    file = forms.FileField(
        label=_("Dokument opinii"),
        required=False,
        help_text=_("Trafia do rejestru publicznego z metryczką. PDF, DOCX, XLSX, ODT, ODS, CSV albo TXT."),
    )
    prepared_by = forms.CharField(
        label=_("Kto wytworzył dokument"),
        required=False,
        max_length=200,
        help_text=_("Imię, nazwisko, funkcja; potrzebne, gdy dołączasz dokument."),
    )

    def __init__(self, *args, subjects: dict[str, Any], **kwargs):
        super().__init__(*args, **kwargs)
        self._subjects = subjects
        advisory = Body.objects.filter(kind=Body.Kind.ADVISORY)
        self.fields["body"].queryset = advisory
        if len(advisory) == 1:
            self.fields["body"].initial = advisory[0].pk
        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__kind=Body.Kind.ADVISORY
        ).select_related("body")
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, obj in subjects.items():
            groups.setdefault(key.split(":", 1)[0], []).append((key, subject_label(obj)))
        labels = dict(AdvisoryOpinion.SubjectKind.choices)
        self.fields["subject"].choices = [("", "—")] + [
            (labels[kind], options) for kind, options in groups.items()
        ]

    def clean_subject(self) -> Any:
        return self._subjects[self.cleaned_data["subject"]]
