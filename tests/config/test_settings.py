"""What the environment variables of several machines turn on: JSON logs, error reports, sessions in the shared
cache (tried against the Redis on this machine), S3 storage and the read replica."""

from __future__ import annotations

import json
import os
import uuid

import pytest
import redis
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

# A database number of its own on the local Redis, and a key prefix per test, so that nothing else is touched.
REDIS_URL = os.environ.get("ZIT_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def test_logs_are_plain_text_by_default_and_json_lines_on_stderr_when_asked(platform_process):
    code = (
        "import logging\nfrom django.utils.log import configure_logging\n"
        "configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)\n"
        "logging.getLogger('zit.test').warning('próba %s', 7)"
    )
    plain = platform_process({}, code)
    assert plain.returncode == 0 and plain.stderr.strip() == "próba 7"
    as_json = platform_process({"ZIT_LOG_FORMAT": "json"}, code)
    line = json.loads(as_json.stderr.strip())
    assert (line["level"], line["logger"], line["message"]) == ("WARNING", "zit.test", "próba 7")
    assert "time" in line
    refused = platform_process({"ZIT_LOG_FORMAT": "xml"}, "")
    assert refused.returncode != 0 and "ZIT_LOG_FORMAT" in refused.stderr


def test_error_reporting_is_not_even_imported_without_a_dsn(platform_process):
    code = "import sys\nprint('sentry_sdk' in sys.modules)"
    assert platform_process({}, code).stdout.strip() == "False"
    code = "import sentry_sdk\nc = sentry_sdk.get_client()\nprint(c.is_active(), c.options['environment'])"
    # the address is never contacted: nothing happens that would be reported
    started = platform_process(
        {"ZIT_SENTRY_DSN": "http://key@127.0.0.1:9/1", "ZIT_SENTRY_ENVIRONMENT": "szkolenie"}, code
    )
    assert started.stdout.strip() == "True szkolenie", started.stderr


def test_sessions_go_to_the_shared_cache_only_when_there_is_one(settings_under):
    assert settings_under({}, "SESSION_ENGINE")["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    shared = settings_under({"ZIT_CACHE_URL": REDIS_URL}, "SESSION_ENGINE", "CACHES")
    assert shared["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert shared["CACHES"]["default"]["LOCATION"] == REDIS_URL


@pytest.fixture
def shared_cache(settings, settings_under):
    """The cache and sessions as ZIT_CACHE_URL configures them, on a key prefix of this test's own."""
    configured = settings_under({"ZIT_CACHE_URL": REDIS_URL}, "SESSION_ENGINE", "CACHES")
    prefix = f"zit-test-{uuid.uuid4().hex}"
    configured["CACHES"]["default"]["KEY_PREFIX"] = prefix
    settings.CACHES = configured["CACHES"]
    settings.SESSION_ENGINE = configured["SESSION_ENGINE"]

    def another_machine():
        """What a web node on another machine has: the same Redis, none of this process's connections."""
        caches.close_all()
        settings.CACHES = {name: dict(conf) for name, conf in configured["CACHES"].items()}

    yield another_machine
    server = redis.Redis.from_url(REDIS_URL)
    keys = list(server.scan_iter(f"{prefix}:*"))
    if keys:
        server.delete(*keys)


def test_a_sign_in_on_one_web_node_is_seen_by_another_and_so_is_the_sign_out(
    shared_cache, user_for_role, settings
):
    first_node = Client()
    first_node.force_login(user_for_role("office_admin"))
    cookie = first_node.cookies[settings.SESSION_COOKIE_NAME].value
    assert first_node.get(reverse("accounts:dashboard")).status_code == 200

    shared_cache()
    # Not from the database: the second node reads the session from Redis.
    Session.objects.all().delete()
    second_node = Client()
    second_node.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert second_node.get(reverse("accounts:dashboard")).status_code == 200
    second_node.post(reverse("accounts:logout"))

    shared_cache()
    first_node.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert first_node.get(reverse("accounts:dashboard")).status_code == 302  # signed out everywhere


def test_uploaded_files_go_to_the_bucket_named_in_the_environment(settings_under, platform_process):
    assert settings_under({}, "STORAGES")["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    env = {
        "ZIT_STORAGE": "s3",
        "ZIT_S3_BUCKET": "zit-dokumenty",
        "ZIT_S3_ENDPOINT_URL": "https://s3.example.pl",
        "ZIT_S3_REGION": "pl-1",
        "ZIT_S3_PREFIX": "produkcja",
    }
    default = settings_under(env, "STORAGES")["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"], options["location"]) == (
        "zit-dokumenty",
        "https://s3.example.pl",
        "pl-1",
        "produkcja",
    )
    assert options["file_overwrite"] is False and options["default_acl"] is None
    without_bucket = platform_process({"ZIT_STORAGE": "s3"}, "")
    assert without_bucket.returncode != 0 and "ZIT_S3_BUCKET is not set" in without_bucket.stderr


def test_a_replica_is_used_only_when_its_address_is_set(settings_under):
    alone = settings_under({}, "DATABASES", "DATABASE_ROUTERS")
    assert list(alone["DATABASES"]) == ["default"] and alone["DATABASE_ROUTERS"] == []
    env = {
        "DATABASE_URL": "postgres://zit@db-primary/zit",
        "DATABASE_REPLICA_URL": "postgres://zit_read@db-replica/zit",
    }
    both = settings_under(env, "DATABASES", "DATABASE_ROUTERS")
    assert both["DATABASES"]["replica"]["HOST"] == "db-replica"
    assert both["DATABASES"]["replica"]["USER"] == "zit_read"
    assert both["DATABASE_ROUTERS"] == ["zit.core.replica.ReplicaRouter"]


def test_a_malformed_or_negative_number_stops_start_up_naming_the_variable(platform_process):
    for value in ("dwa", "-3"):
        refused = platform_process({"ZIT_BACKUP_KEEP_DAYS": value}, "")
        assert refused.returncode != 0 and "ZIT_BACKUP_KEEP_DAYS" in refused.stderr
    accepted = platform_process({"ZIT_BACKUP_EVERY_HOURS": "0.5"}, "print(settings.ZIT_BACKUP_EVERY_HOURS)")
    assert accepted.stdout.strip() == "0.5", accepted.stderr


def test_a_rotated_key_keeps_sessions_of_the_old_one_only_while_it_is_a_fallback(settings_under):
    rotated = settings_under(
        {"ZIT_SECRET_KEY": "nowy-klucz", "ZIT_SECRET_KEY_FALLBACKS": "stary-klucz, starszy-klucz"},
        "SECRET_KEY",
        "SECRET_KEY_FALLBACKS",
    )
    assert rotated == {"SECRET_KEY": "nowy-klucz", "SECRET_KEY_FALLBACKS": ["stary-klucz", "starszy-klucz"]}


@pytest.mark.django_db
def test_a_signed_in_person_stays_signed_in_across_a_rotation_with_the_old_key_as_fallback(
    settings, user_for_role
):
    from zit.core.roles import Role

    old_key, new_key = "stary-klucz-" + "x" * 40, "nowy-klucz-" + "y" * 40
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = old_key, []
    staff = user_for_role(Role.OFFICE_STAFF)
    came_back, stayed_away = Client(), Client()
    for browser in (came_back, stayed_away):
        browser.force_login(staff)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = new_key, [old_key]
    assert (
        came_back.get(reverse("accounts:dashboard")).status_code == 200
    )  # and the session now carries the new key's hash
    settings.SECRET_KEY_FALLBACKS = []  # the old key retired
    assert came_back.get(reverse("accounts:dashboard")).status_code == 200
    assert (
        stayed_away.get(reverse("accounts:dashboard")).status_code == 302
    )  # signed out: back to the login page


def test_the_public_form_limits_come_from_the_environment(settings_under):
    env = {
        "ZIT_PUBLIC_FORM_PER_MINUTE": "3",
        "ZIT_PUBLIC_FORM_PARKED_DAYS": "7",
        "ZIT_PUBLIC_FORM_PER_DAY": "0",
    }
    read = settings_under(
        env, "ZIT_PUBLIC_FORM_PER_MINUTE", "ZIT_PUBLIC_FORM_PARKED_DAYS", "ZIT_PUBLIC_FORM_PER_DAY"
    )
    assert read == {
        "ZIT_PUBLIC_FORM_PER_MINUTE": 3,
        "ZIT_PUBLIC_FORM_PARKED_DAYS": 7,
        "ZIT_PUBLIC_FORM_PER_DAY": 0,
    }


def test_the_job_queue_settings_are_read_and_a_wrong_one_stops_start_up_naming_it(
    settings_under, platform_process
):
    default = settings_under({}, "TASKS", "TASKS_BACKEND_NAME", "JOB_HEARTBEAT_TIMEOUT", "INSTALLED_APPS")
    assert default["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert default["JOB_HEARTBEAT_TIMEOUT"] == 300
    assert "django_rq" not in default["INSTALLED_APPS"]

    env = {
        "ZIT_TASKS_BACKEND": "redis",
        "ZIT_TASKS_REDIS_URL": "redis://redis:6379/2",
        "ZIT_TASKS_QUEUE": "zit",
    }
    redis = settings_under(env, "TASKS", "RQ_QUEUES", "INSTALLED_APPS")
    assert redis["TASKS"]["default"] == {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["zit"]}
    assert redis["RQ_QUEUES"] == {"zit": {"URL": "redis://redis:6379/2", "DEFAULT_TIMEOUT": -1}}
    assert "django_rq" in redis["INSTALLED_APPS"]
    # the class path earlier versions took still names the same backend
    old = settings_under({"ZIT_TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}, "TASKS_BACKEND_NAME")
    assert old["TASKS_BACKEND_NAME"] == "database"

    for env, named in [
        ({"ZIT_TASKS_BACKEND": "celery"}, "ZIT_TASKS_BACKEND"),
        ({"ZIT_TASKS_BACKEND": "redis"}, "ZIT_TASKS_REDIS_URL"),
        ({"ZIT_TASKS_BACKEND": "redis", "ZIT_TASKS_REDIS_URL": "redis:6379"}, "ZIT_TASKS_REDIS_URL"),
        ({"ZIT_TASKS_QUEUE": "dwie kolejki"}, "ZIT_TASKS_QUEUE"),
        ({"ZIT_JOB_HEARTBEAT_TIMEOUT": "pięć minut"}, "ZIT_JOB_HEARTBEAT_TIMEOUT"),
        ({"ZIT_JOB_HEARTBEAT_SECONDS": "0"}, "ZIT_JOB_HEARTBEAT_SECONDS"),
        ({"ZIT_JOB_HEARTBEAT_SECONDS": "60", "ZIT_JOB_HEARTBEAT_TIMEOUT": "90"}, "ZIT_JOB_HEARTBEAT_TIMEOUT"),
        ({"ZIT_READYZ_REQUIRES_WORKER": "chyba"}, "ZIT_READYZ_REQUIRES_WORKER"),
        ({"ZIT_SSL_REDIRECT": "tak"}, "ZIT_SSL_REDIRECT"),  # a yes/no never quietly means "no"
    ]:
        refused = platform_process(env, "")
        assert refused.returncode != 0, env
        assert "ImproperlyConfigured" in refused.stderr and named in refused.stderr, refused.stderr[-500:]
