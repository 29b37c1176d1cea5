"""The contract's state, stored: mapped from the dates it has (termination, final payment and the durability
period after it); the final payment's reference; a correction's reason."""

import datetime as dt

from django.db import migrations, models


def _durability_end(contract) -> dt.date | None:
    day, years = contract.final_payment_on, contract.durability_years
    if not day or not years:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def states_from_dates(apps, schema_editor):
    Contract = apps.get_model("projects", "Contract")
    today = dt.date.today()
    for contract in Contract.objects.all():
        if contract.terminated_on:
            state = "terminated"
        elif contract.final_payment_on:
            end = _durability_end(contract)
            state = "closed" if end and end < today else "final_paid"
        else:
            state = "signed"
        if state != contract.state:
            Contract.objects.filter(pk=contract.pk).update(state=state)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0013_social_clauses"),
    ]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="final_payment_reference",
            field=models.CharField(
                blank=True,
                help_text="Płatność końcową przekazuje beneficjentowi instytucja zarządzająca: numer jej pisma albo zlecenia.",
                max_length=200,
                verbose_name="pismo lub zlecenie płatności IZ",
            ),
        ),
        migrations.AddField(
            model_name="contract",
            name="state",
            field=models.CharField(
                choices=[
                    ("signed", "w realizacji"),
                    ("final_paid", "po płatności końcowej, w okresie trwałości"),
                    ("closed", "zamknięta, okres trwałości minął"),
                    ("terminated", "rozwiązana"),
                ],
                default="signed",
                max_length=20,
                verbose_name="stan",
            ),
        ),
        migrations.AddField(
            model_name="correction",
            name="reason",
            field=models.TextField(
                blank=True,
                help_text="Po płatności końcowej umowę zmienia już tylko korekta, a ta wymaga uzasadnienia.",
                verbose_name="uzasadnienie korekty po płatności końcowej",
            ),
        ),
        # backwards the state column goes away with its field; the dates it came from stay
        migrations.RunPython(states_from_dates, migrations.RunPython.noop),
    ]
