"""`manage.py run_worker` with the test job kinds: python run.py [run_worker's options]."""

import sys
from pathlib import Path

import django

if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.path[:0] = [str(here), str(here.parents[1]), str(here.parents[2] / "src")]  # kinds, waiting, zit
    django.setup()
    import kinds
    from django.core.management import call_command

    kinds.install(lambda mapping, key, value: mapping.__setitem__(key, value))
    call_command("run_worker", *sys.argv[1:])
