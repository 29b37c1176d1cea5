"""A small platform with committed data (a backup reads what is committed), its uploaded files, and an empty
database of the same engine to restore into: a file for SQLite, a second database for PostgreSQL."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from core.signing_ca import signed_pdf
from zit.core.backup.database import SQLITE, Target, target_from_settings

SIGNED_PDF = signed_pdf()  # a real PAdES signature of the tests' own certification authority
PERSON_EMAIL = "anna.kowalczyk@gmina-przyklad.pl"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def platform(transactional_db, media):
    """People with e-mails, an organisation, a signed document and a few uploaded files, all committed."""
    from zit.association.services import person_create
    from zit.core.signed import signed_document_draft, signed_document_upload
    from zit.organisations.services import organisation_create

    org = organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")
    person = person_create(
        actor=None, first_name="Anna", last_name="Kowalczyk", email=PERSON_EMAIL, organisation=org
    )
    person_create(actor=None, first_name="Jan", last_name="Wiśniewski", email="jan.wisniewski@example.pl")
    document = signed_document_draft(
        actor=None,
        subject=org,
        kind="organisations.test_statement",
        title="Oświadczenie organizacji",
        content=b"PK\x03\x04 projekt",
        filename="oswiadczenie.docx",
        read_perm="organisations.view",
        write_perm="organisations.edit",
    )
    document = signed_document_upload(
        actor=None, document=document, file=SimpleUploadedFile("oswiadczenie.pdf", SIGNED_PDF)
    )
    (media / "uploads" / "wnioski").mkdir(parents=True)
    (media / "uploads" / "wnioski" / "zażółć gęślą jaźń.txt").write_text("wniosek o informację publiczną")
    (media / "uploads" / "duzy.bin").write_bytes(bytes(range(256)) * 4096)
    return {"organisation": org, "person": person, "document": document}


@pytest.fixture
def empty_target(tmp_path):
    """A freshly created, empty database of the platform's engine, dropped afterwards."""
    source = target_from_settings(connection.settings_dict)
    if source.engine == SQLITE:
        yield Target(SQLITE, source.settings | {"NAME": str(tmp_path / "odtworzona.sqlite3")})
        return
    name = f"{source.settings['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin(source)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Target(source.engine, source.settings | {"NAME": name})
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _pg_admin(source: Target) -> psycopg.Connection:
    s = source.settings
    return psycopg.connect(
        dbname="postgres",
        user=s.get("USER") or None,
        password=s.get("PASSWORD") or None,
        host=s.get("HOST") or None,
        port=str(s["PORT"]) if s.get("PORT") else None,
        autocommit=True,
    )


def live_row_counts() -> dict[str, int]:
    """Rows per table of the platform's own database, read through Django (independently of the backup code)."""
    with connection.cursor() as cursor:
        tables = [
            t
            for t in connection.introspection.table_names(cursor, include_views=False)
            if not t.startswith("sqlite_")
        ]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def tables_in(target: Target) -> list[str]:
    """The tables of a restore target; a SQLite file that was never created has none (and stays uncreated)."""
    from zit.core.backup.database import engine_module, table_names

    if target.engine == SQLITE and not Path(target.settings["NAME"]).exists():
        return []
    with engine_module(target.engine).connect(target) as conn:
        return table_names(conn, target.engine)
