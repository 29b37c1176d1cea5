"""When no administrator can sign in (the only one lost their phone and their recovery codes): the reset from
the server's console, as the system, with a reason, audited and told to the user like the one in the admin."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zit.accounts.models import User
from zit.accounts.second_factor import second_factor_reset


class Command(BaseCommand):
    help = (
        "Resetuje logowanie dwuetapowe konta (zgubiony telefon i kody zapasowe), gdy nie może tego zrobić "
        "administrator w panelu. Wymaga powodu; reset trafia do dziennika zmian, a właściciel dostaje e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Login konta.")
        parser.add_argument("--powod", required=True, help="Powód resetu (do dziennika zmian i wiadomości).")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Nie ma konta {options['username']}.")
        try:
            second_factor_reset(actor=None, user=user, reason=options["powod"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Zresetowano logowanie dwuetapowe konta {user.username}; jego sesje zakończono.")
