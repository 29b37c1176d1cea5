from django.core.management.base import BaseCommand

from zit.core.roles import Role
from zit.portal.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Wczytuje dane demonstracyjne (osoby, mandaty, konta dla każdej roli). Można powtarzać."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write(f"Konta demonstracyjne (hasło dla wszystkich: {DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<12} {Role(role).label}")
