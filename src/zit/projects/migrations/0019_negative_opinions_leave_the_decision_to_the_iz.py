"""A negative compliance opinion used to reject the application at once ("odrzucona przez IZ", with the reason
"Negatywna opinia o zgodności…"). The association only opines: such cards go back to "opinia negatywna – decyzja
należy do IZ", with a history line saying why, so the IZ's real decision can be recorded as the IZ's. A card the
IZ rejected later for its own reasons keeps its state."""

from django.db import migrations
from django.utils import timezone

AUTO_REJECT = "Negatywna opinia o zgodności ze Strategią ZIT"
WHY = (
    "Zmiana porządkowa: negatywna opinia Stowarzyszenia nie odrzuca wniosku – decyzję podejmuje IZ. Poprzedni stan "
    "„odrzucona przez IZ” nadała platforma automatycznie po opinii."
)


def forward(apps, schema_editor):
    Card = apps.get_model("projects", "ProjectCard")
    Transition = apps.get_model("projects", "CardTransition")
    for card in Card.objects.filter(state="rejected"):
        last = Transition.objects.filter(card=card).order_by("-at", "-pk").first()
        if last is None or last.name != "reject" or not last.reason.startswith(AUTO_REJECT):
            continue
        Transition.objects.create(
            card=card,
            name="issue_negative_opinion",
            from_state="rejected",
            to_state="opinion_negative",
            reason=WHY,
            actor_label="platforma (migracja danych)",
        )
        Card.objects.filter(pk=card.pk).update(state="opinion_negative", state_changed_at=timezone.now())


def backward(apps, schema_editor):
    Card = apps.get_model("projects", "ProjectCard")
    Transition = apps.get_model("projects", "CardTransition")
    for row in Transition.objects.filter(name="issue_negative_opinion", reason=WHY):
        Card.objects.filter(pk=row.card_id, state="opinion_negative").update(state="rejected")
        row.delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0018_compliance_opinions_rebuilt")]

    operations = [migrations.RunPython(forward, backward)]
