"""Print every lifecycle (states, transitions, who, guards) as a table; `--markdown` prints docs/lifecycles.md."""

from django.core.management.base import BaseCommand
from django.utils import translation

from zit.core.lifecycle import all_lifecycles
from zit.core.lifecycle_table import lifecycles_markdown


class Command(BaseCommand):
    help = "Wypisuje cykle życia obiektów: stany, przejścia, kto je wykonuje i jakie warunki sprawdza."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="Tabela w Markdown (docs/lifecycles.md).")

    def handle(self, *args, markdown: bool = False, **options):
        if markdown:
            self.stdout.write(lifecycles_markdown(), ending="")
            return
        with translation.override("pl"):
            for lc in all_lifecycles():
                self.stdout.write(f"{lc.key}  {lc.label}  [{lc.model}]")
                for t in lc.transitions:
                    who = ", ".join(r.name for r in t.who)
                    flags = " ".join(
                        f for f, on in (("powód", t.reason_required), ("auto", t.automatic)) if on
                    )
                    sources = ",".join(t.sources)
                    self.stdout.write(f"  {t.name:<22} {sources} -> {t.target}  [{who}] {flags}".rstrip())
                self.stdout.write("")
