"""The first office administrator of a new installation: the role, not Django's superuser flag, opens the
office's pages and the admin site, so `createsuperuser` alone leaves nobody able to sign in to either."""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zit.accounts.models import RoleAssignment, User
from zit.accounts.services import role_assign, user_create
from zit.core.roles import Role

PASSWORD_VARIABLE = "ZIT_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Zakłada konto administratora biura (albo nadaje tę rolę istniejącemu kontu). Hasło podaje się dwa "
        f"razy w konsoli; z --noinput czyta je ze zmiennej {PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True, help="Login konta.")
        parser.add_argument("--email", default="", help="Adres e-mail (do resetu hasła).")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--noinput",
            action="store_true",
            help=f"Bez pytań: hasło ze zmiennej środowiskowej {PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, **options):
        username = options["username"].strip()
        user = User.objects.filter(username=username).first()
        with transaction.atomic():
            if user is None:
                user = user_create(
                    actor=None,
                    username=username,
                    password=self._password(options, username),
                    email=options["email"],
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                )
                self.stdout.write(f"Założono konto {username}.")
            if RoleAssignment.objects.filter(user=user, role=Role.OFFICE_ADMIN).exists():
                self.stdout.write(f"{username} już jest administratorem biura.")
                return
            role_assign(actor=None, user=user, role=Role.OFFICE_ADMIN)
        self.stdout.write(f"{username} jest administratorem biura: może się zalogować i nadawać role innym.")

    def _password(self, options, username: str) -> str:
        if options["noinput"]:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Ustaw zmienną {PASSWORD_VARIABLE} albo uruchom polecenie bez --noinput.")
        else:
            password = getpass.getpass("Hasło: ")
            if password != getpass.getpass("Hasło (jeszcze raz): "):
                raise CommandError("Hasła się różnią.")
        try:
            validate_password(password, User(username=username, email=options["email"]))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        return password
