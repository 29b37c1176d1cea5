from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zit.core.roles import Role
from zit.portal.demo import DEMO_PASSWORD, load_demo

NOT_PRODUCTION_FLAG = "--i-know-this-is-not-production"


class Command(BaseCommand):
    help = (
        "Wczytuje dane demonstracyjne (osoby, mandaty, konta dla każdej roli). Można powtarzać. "
        "Konta mają jawne hasło, więc polecenie działa tylko w trybie debug albo z flagą "
        f"{NOT_PRODUCTION_FLAG}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            NOT_PRODUCTION_FLAG,
            action="store_true",
            dest="not_production",
            help="Potwierdzam, że to nie jest instalacja produkcyjna (konta demo mają jawne hasło).",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["not_production"]):
            raise CommandError(
                "Nie wczytano kont demonstracyjnych: ich hasło jest jawne, więc w produkcji otworzyłyby "
                "platformę każdemu. Na komputerze testowym lub pokazowym uruchom "
                f"`manage.py load_demo {NOT_PRODUCTION_FLAG}` albo ustaw ZIT_DEBUG=1."
            )
        accounts = load_demo()
        self.stdout.write(f"Konta demonstracyjne (hasło dla wszystkich: {DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<12} {Role(role).label}")
