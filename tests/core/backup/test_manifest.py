"""Which migrations of an archive this code knows: newer ones refuse the restore, older ones ask for migrate."""

from django.db.migrations.loader import MigrationLoader

from zit.core.backup.manifest import migrations_compare


def _on_disk() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations):
        applied.setdefault(app, []).append(name)
    return applied


def test_an_archive_of_this_code_has_nothing_unknown_and_nothing_to_run():
    assert migrations_compare(_on_disk()) == ([], [])


def test_a_migration_this_code_does_not_have_is_unknown():
    applied = _on_disk()
    applied["core"].append("9999_z_przyszlosci")
    applied["nowa_aplikacja"] = ["0001_initial"]
    unknown, not_applied = migrations_compare(applied)
    assert unknown == ["core.9999_z_przyszlosci", "nowa_aplikacja.0001_initial"] and not_applied == []


def test_migrations_the_archive_has_not_applied_are_to_run():
    applied = _on_disk()
    last = applied["core"].pop()
    assert migrations_compare(applied) == ([], [f"core.{last}"])
