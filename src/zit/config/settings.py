"""Settings, read from the environment once; SQLite under var/ unless DATABASE_URL says otherwise."""

import importlib.metadata
import importlib.util
import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from zit.core import map_tiles
from zit.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent  # src/zit
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ZIT_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """A yes/no from the environment (1/0, true/false, yes/no, on/off); anything else stops start-up naming the
    variable, rather than quietly meaning "no"."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value: use 1 or 0 (true/false, yes/no, on/off)."
    )


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_number(name: str, default: float, kind: type = int, *, minimum: float = 0):
    """A number from the environment; a malformed or negative one stops start-up naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return kind(default)
    try:
        value = kind(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a {'whole ' if kind is int else ''}number."
        ) from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


DEBUG = env_bool("ZIT_DEBUG", False)


def env_required(name: str, *, debug_default: str, meaning: str) -> str:
    """A value production cannot do without: with debug off, a missing one stops the platform at start,
    naming the variable, instead of running with a default anyone can read in this file."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if DEBUG:
        return debug_default
    raise ImproperlyConfigured(
        f"{name} is not set: {meaning}. Set it in the environment (docs/deployment.md), or set ZIT_DEBUG=1 "
        "on a developer's machine."
    )


SECRET_KEY = env_required(
    "ZIT_SECRET_KEY",
    debug_default="insecure-debug-only-key-never-used-with-debug-off",
    meaning="the secret key that signs sessions, password-reset links and forms",
)
# Rotating the key (docs/deployment.md): the old key stays here for a while, so that signed-in people and
# password-reset links sent before the change keep working until they expire.
SECRET_KEY_FALLBACKS = env_list("ZIT_SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = [
    host.strip()
    for host in env_required(
        "ZIT_ALLOWED_HOSTS",
        debug_default="127.0.0.1,localhost,testserver",
        meaning="the comma-separated host names the platform answers to, e.g. zit.example.pl",
    ).split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = env_list("ZIT_CSRF_TRUSTED_ORIGINS", "")
# Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses or networks, e.g.
# "127.0.0.1,10.0.0.0/8"); without them the visitor is the address that connected (zit.core.client).
TRUSTED_PROXIES = env_list("ZIT_TRUSTED_PROXIES", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, under our overrides in templates/django/forms (FORM_RENDERER)
    "django_htmx",
    "ninja",  # its Swagger UI files, served from our static files (the API docs work offline)
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "corsheaders",
    "zit.core",
    "zit.territory",
    "zit.organisations",
    "zit.social_economy",
    "zit.association",
    "zit.funding",
    "zit.strategy",
    "zit.projects",
    "zit.contracts",
    "zit.assessment",
    "zit.monitoring",
    "zit.governance",
    "zit.public_information",
    "zit.fees",
    "zit.opendata",
    "zit.privacy",
    "zit.records",
    "zit.accounts",
    "zit.portal",
    "zit.subscriptions",
]

MIDDLEWARE = [
    # /healthz and /readyz: answered before the host check, the HTTPS redirect, sessions and the access log
    "zit.core.health.HealthCheckMiddleware",
    "zit.core.logs.RequestLogMiddleware",
    "zit.core.client.ClientAddressMiddleware",
    # before anything that can answer: a preflight OPTIONS to the open data is answered here (see CORS_*)
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "zit.core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zit.core.middleware.PathLanguageMiddleware",
    "zit.opendata.middleware.ApiMiddleware",  # /api/: language from the request, errors as problem+json
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zit.core.replica.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zit.accounts.middleware.SessionIdleMiddleware",
    "zit.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "zit.core.middleware.MissingObjectMiddleware",
    "zit.opendata.middleware.ApiHeadMiddleware",
]

# Cross-origin reading of the open data only (django-cors-headers): pages on any other site may read the JSON
# API, the downloads and the DCAT catalogue (/dane/...), OGC API Features and the Atom feeds, with GET and HEAD,
# never with the visitor's cookies; the office, the forms and every other page send no CORS headers.
CORS_URLS_REGEX = r"^/(?:api/|dane/|ogc/|projekty/kanal\.atom$|uchwaly/kanal\.atom$)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since", "user-agent")
CORS_EXPOSE_HEADERS = ("ETag", "Link", "Content-Disposition", "Vary")
CORS_PREFLIGHT_MAX_AGE = 86400

ROOT_URLCONF = "zit.config.urls"
WSGI_APPLICATION = "zit.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

# Form widgets render through TEMPLATES, so templates/django/forms/widgets can mark the options built from records
# (names typed in Polish) with lang="pl" on pages in other languages, in every form at once.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zit.portal.context_processors.site",
                "zit.core.map_tiles.context",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zit.sqlite3'}"),
        conn_max_age=env_number("ZIT_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while the worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A PostgreSQL streaming replica serves the reads of anonymous public pages and the API (zit.core.replica);
# writes, the office and everything else use the primary. A visitor who has just written reads the primary
# for ZIT_REPLICA_MAX_LAG_SECONDS, the replication lag the platform accepts.
REPLICA_MAX_LAG_SECONDS = env_number("ZIT_REPLICA_MAX_LAG_SECONDS", 10)
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["zit.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (zit.core.jobs), run by `manage.py run_worker` on one or more machines. The queue is in the
# database (ZIT_TASKS_BACKEND=database, the default) or in Redis (ZIT_TASKS_BACKEND=redis, with
# ZIT_TASKS_REDIS_URL); ZIT_TASKS_QUEUE names the queue, so that several installations may share one Redis.
TASKS_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "redis": "django_tasks_rq.RQBackend"}
_tasks_backend = os.environ.get("ZIT_TASKS_BACKEND", "").strip() or "database"
# the backend's class path, as earlier versions of this setting took it, names the same backend
_tasks_backend = {path: name for name, path in TASKS_BACKENDS.items()}.get(_tasks_backend, _tasks_backend)
if _tasks_backend not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"ZIT_TASKS_BACKEND must be 'database' or 'redis', not {_tasks_backend!r}.")
TASKS_BACKEND_NAME = _tasks_backend
TASKS_QUEUE = os.environ.get("ZIT_TASKS_QUEUE", "").strip() or "default"
if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,100}", TASKS_QUEUE):
    raise ImproperlyConfigured(
        f"ZIT_TASKS_QUEUE={TASKS_QUEUE!r} may hold only letters, digits and . _ : - (at most 100)."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND_NAME], "QUEUES": [TASKS_QUEUE]}}
if TASKS_BACKEND_NAME == "redis":
    _tasks_redis_url = os.environ.get("ZIT_TASKS_REDIS_URL", "").strip()
    if not _tasks_redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "ZIT_TASKS_REDIS_URL must name the Redis of the job queue (redis://host:6379/2) when "
            f"ZIT_TASKS_BACKEND=redis; it is {_tasks_redis_url or 'not set'}."
        )
    INSTALLED_APPS.append("django_rq")
    # no time limit of the queue's own: a backup may take hours; a worker that dies is found by the heartbeat
    RQ_QUEUES = {TASKS_QUEUE: {"URL": _tasks_redis_url, "DEFAULT_TIMEOUT": -1}}
# A worker writes a heartbeat on itself and on the job it runs every ZIT_JOB_HEARTBEAT_SECONDS; a running job
# whose heartbeat is older than ZIT_JOB_HEARTBEAT_TIMEOUT seconds lost its worker (killed, machine gone) and is
# marked failed, and a recurring one is queued again. /readyz wants a worker heard from within the timeout.
JOB_HEARTBEAT_SECONDS = env_number("ZIT_JOB_HEARTBEAT_SECONDS", 30, float, minimum=0.1)
JOB_HEARTBEAT_TIMEOUT = env_number("ZIT_JOB_HEARTBEAT_TIMEOUT", 300, float, minimum=0.1)
if JOB_HEARTBEAT_TIMEOUT < 2 * JOB_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        f"ZIT_JOB_HEARTBEAT_TIMEOUT ({JOB_HEARTBEAT_TIMEOUT:g} s) must be at least twice "
        f"ZIT_JOB_HEARTBEAT_SECONDS ({JOB_HEARTBEAT_SECONDS:g} s), or running jobs would be taken for dead."
    )
# /readyz answers 503 when no worker was heard from within the timeout; 0 leaves the worker out of it
READYZ_REQUIRES_WORKER = env_bool("ZIT_READYZ_REQUIRES_WORKER", True)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_number("ZIT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
# A lockout holds one username at one address: five typos from the office, or guesses at another's account,
# lock out only that pair, never the account for everyone nor everyone behind the same proxy.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "zit.core.client.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("ZIT_LOGIN_THROTTLING", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The second factor (zit.accounts.second_factor): office staff, office administrators and the secretary of the
# bodies sign in with a code from an authenticator app (or a single-use recovery code); anyone else may choose
# to. The issuer is the name the app shows beside the account.
OTP_TOTP_ISSUER = os.environ.get("ZIT_TOTP_ISSUER", "Platforma ZIT")
# A session ends after this many hours without a request: the roles above, and everyone else.
ZIT_SESSION_IDLE_HOURS_OFFICE = env_number("ZIT_SESSION_IDLE_HOURS_OFFICE", 8, float, minimum=0.1)
ZIT_SESSION_IDLE_HOURS = env_number("ZIT_SESSION_IDLE_HOURS", 24, float, minimum=0.1)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("polski")), ("en", _("angielski"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

# Counts of the public catalogue are cached per catalogue version: in each process by default, or shared by
# all web workers and machines through Redis when ZIT_CACHE_URL is set (redis://host:6379/1).
if os.environ.get("ZIT_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["ZIT_CACHE_URL"],
        }
    }
    # Sessions are read from the shared cache and written through to the database: every web node sees a
    # sign-in or sign-out at once, and a restart of Redis (which may keep nothing on disk) signs nobody out.
    # Not with the per-process cache: a sign-out on one worker would stay unseen in another's copy.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Leaflet's files come from the django-leaflet package (BSD-2-Clause); its Django app needs GDAL, so only its
# static folder is used.
_LEAFLET_STATIC = Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static"
STATICFILES_DIRS = [BASE_DIR / "static", _LEAFLET_STATIC]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from here after collectstatic
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded and generated documents: on this machine's disk under MEDIA_ROOT (several machines may share it over
# NFS), or in an S3-compatible bucket (ZIT_STORAGE=s3), private, read back only through the platform's views.
STORAGE = os.environ.get("ZIT_STORAGE", "local").strip().lower()
if STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("ZIT_S3_BUCKET", "").strip(),
            "endpoint_url": os.environ.get("ZIT_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("ZIT_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("ZIT_S3_SECRET_KEY") or None,
            "region_name": os.environ.get("ZIT_S3_REGION") or None,
            "addressing_style": os.environ.get("ZIT_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("ZIT_S3_PREFIX", ""),
            "default_acl": None,  # the bucket's own: private
            "querystring_auth": True,
            "file_overwrite": False,  # a second file of the same name gets a name of its own, as on disk
        },
    }
    if not _default_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured(
            "ZIT_S3_BUCKET is not set: the bucket that keeps uploaded files (ZIT_STORAGE=s3)."
        )
elif STORAGE == "local":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"ZIT_STORAGE must be 'local' or 's3', not {STORAGE!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Uploaded tables (CSV, XLSX, bank statements). Every import reads them through zit.core.tables, which refuses
# a file beyond these limits before reading it whole, so a small hostile file cannot hold a worker.
ZIT_IMPORT_MAX_BYTES = env_number("ZIT_IMPORT_MAX_BYTES", 50 * 1024 * 1024)  # the file as uploaded
# an XLSX's sheet, shared strings and the other parts read, once unpacked, together
ZIT_IMPORT_MAX_UNPACKED_BYTES = env_number("ZIT_IMPORT_MAX_UNPACKED_BYTES", 300 * 1024 * 1024)
ZIT_IMPORT_MAX_ROWS = env_number("ZIT_IMPORT_MAX_ROWS", 200_000)  # the last row number read
ZIT_IMPORT_MAX_COLUMNS = env_number("ZIT_IMPORT_MAX_COLUMNS", 500)
ZIT_IMPORT_MAX_CELL_CHARS = env_number("ZIT_IMPORT_MAX_CELL_CHARS", 32_767)  # Excel's own limit

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get("ZIT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("ZIT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_number("ZIT_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("ZIT_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ZIT_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ZIT_EMAIL_USE_TLS", False)
# the address people open the platform at: links in e-mail point here
ZIT_SITE_URL = os.environ.get("ZIT_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("ZIT_DEFAULT_FROM_EMAIL", "platforma@aglomeracjakoninska.invalid")

SESSION_COOKIE_SECURE = env_bool("ZIT_SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = env_bool("ZIT_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_number("ZIT_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ZIT_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = False
# Preloading binds the whole registrable domain (the association's, or a gmina's) to HTTPS in every browser for
# good: a decision for the domain's owner, not a setting of this platform.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The base map under the gmina boundaries (zit.core.map_tiles): raster tiles in Web Mercator from
# ZIT_MAP_TILES_URL, OpenStreetMap's standard tiles by default (fine for an association's site; heavy use needs
# a source of one's own, see docs/deployment.md). Empty: no base map, the boundaries alone. The attribution is
# shown on every map, linked to ZIT_MAP_TILES_ATTRIBUTION_URL.
try:
    MAP_TILES_URL = map_tiles.checked_url(os.environ.get("ZIT_MAP_TILES_URL", map_tiles.OSM_URL))
except map_tiles.TileSourceError as error:
    raise ImproperlyConfigured(str(error)) from None
MAP_TILES_ATTRIBUTION = os.environ.get("ZIT_MAP_TILES_ATTRIBUTION", map_tiles.OSM_ATTRIBUTION).strip()
MAP_TILES_ATTRIBUTION_URL = os.environ.get("ZIT_MAP_TILES_ATTRIBUTION_URL", map_tiles.OSM_COPYRIGHT).strip()
MAP_TILES_MAX_ZOOM = env_number("ZIT_MAP_TILES_MAX_ZOOM", 19)
if MAP_TILES_URL and not MAP_TILES_ATTRIBUTION:
    raise ImproperlyConfigured(
        "ZIT_MAP_TILES_ATTRIBUTION: tiles need their attribution (e.g. © OpenStreetMap contributors)"
    )

# Content Security Policy (django-csp, zit.core.security). Scripts and styles come from the platform's own
# static files only: no inline script runs unless it carries the nonce of its response
# (`<script nonce="{{ request.csp_nonce }}">`), no inline event handler (onclick=) runs at all, and no style=""
# attribute or <style> element in the markup applies (scripts may still set element.style). Images come from
# the platform (data: for the icons inside stylesheets) and, when a base map is configured (MAP_TILES_URL
# below), from the origin of its tiles only: zit.core.security adds that origin to img-src of each response.
# ZIT_CSP_REPORT_ONLY=1 sends the same policy as Content-Security-Policy-Report-Only:
# browsers report what it would block and block nothing, for trying a change on a live installation.
# ZIT_CSP_REPORT_URI is where browsers send their reports (e.g. the security endpoint of a Sentry project).
_csp_directives = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
_csp_report_uri = os.environ.get("ZIT_CSP_REPORT_URI", "").strip()
if _csp_report_uri:
    _csp_directives["report-uri"] = [_csp_report_uri]
_csp_report_only = env_bool("ZIT_CSP_REPORT_ONLY", False)
if _csp_report_only:
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp_directives}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp_directives}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Powerful browser features no page of the platform uses are switched off for it and anything it might embed
# (the maps do not ask where the visitor is).
PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ],
    [],
)

# Plain text on stderr by default; ZIT_LOG_FORMAT=json writes one JSON object per line for a log collector,
# with the request id and the user id of the request each record belongs to (zit.core.logs). The access log
# (one line per request) is on with JSON and off with text unless ZIT_ACCESS_LOG says otherwise.
LOG_FORMAT = os.environ.get("ZIT_LOG_FORMAT", "text").strip().lower()
LOGGING = logging_config(
    log_format=LOG_FORMAT,
    level=os.environ.get("ZIT_LOG_LEVEL", "WARNING"),
    access_log=env_bool("ZIT_ACCESS_LOG", LOG_FORMAT == "json"),
)

# Error reports to Sentry or a compatible service (GlitchTip): only when a DSN is set, without personal data
# (zit.core.error_reporting). Without the DSN nothing is imported and nothing is sent.
SENTRY_DSN = os.environ.get("ZIT_SENTRY_DSN", "").strip()
SENTRY_ENVIRONMENT = os.environ.get("ZIT_SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = env_number("ZIT_SENTRY_TRACES_SAMPLE_RATE", 0, float)


def _installed_version() -> str:
    try:
        return importlib.metadata.version("zit-platform")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


RELEASE = os.environ.get("ZIT_RELEASE", "").strip() or _installed_version()
if SENTRY_DSN:
    from zit.core.error_reporting import sentry_start

    sentry_start(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# Public forms (zit.core.public_forms): a post sooner than ZIT_PUBLIC_FORM_MIN_SECONDS after the form was shown,
# or later than ZIT_PUBLIC_FORM_MAX_AGE_HOURS, is refused with a message; one sender's posts to one form beyond
# ZIT_PUBLIC_FORM_PER_MINUTE, _PER_HOUR or _PER_DAY (0: no limit in that window) are parked for the moderator,
# and parked posts older than ZIT_PUBLIC_FORM_PARKED_DAYS are deleted by a recurring job.
ZIT_PUBLIC_FORM_MIN_SECONDS = env_number("ZIT_PUBLIC_FORM_MIN_SECONDS", 3, float)
ZIT_PUBLIC_FORM_MAX_AGE_HOURS = env_number("ZIT_PUBLIC_FORM_MAX_AGE_HOURS", 24, float, minimum=1)
ZIT_PUBLIC_FORM_PER_MINUTE = env_number("ZIT_PUBLIC_FORM_PER_MINUTE", 5)
ZIT_PUBLIC_FORM_PER_HOUR = env_number("ZIT_PUBLIC_FORM_PER_HOUR", 30)
ZIT_PUBLIC_FORM_PER_DAY = env_number("ZIT_PUBLIC_FORM_PER_DAY", 100)
ZIT_PUBLIC_FORM_PARKED_DAYS = env_number("ZIT_PUBLIC_FORM_PARKED_DAYS", 14, minimum=1)

# E-mail subscriptions of the public (zit.subscriptions): the link of the confirmation e-mail is valid for
# ZIT_SUBSCRIPTION_CONFIRM_DAYS, and an address not confirmed within them is deleted by a recurring job.
ZIT_SUBSCRIPTION_CONFIRM_DAYS = env_number("ZIT_SUBSCRIPTION_CONFIRM_DAYS", 3, minimum=1)

# Backups (zit.core.backup): the recurring job writes one archive of the database and the uploaded files every
# ZIT_BACKUP_EVERY_HOURS (0: no recurring backup) to ZIT_BACKUP_DIR and deletes its own archives older than
# ZIT_BACKUP_KEEP_DAYS, and beyond the newest ZIT_BACKUP_KEEP_COUNT when that is set (0: no limit by count).
# With ZIT_BACKUP_KEY (32 bytes in base64: `manage.py backup --generate-key`) archives are encrypted.
ZIT_BACKUP_DIR = Path(os.environ.get("ZIT_BACKUP_DIR", VAR_DIR / "backups"))
ZIT_BACKUP_EVERY_HOURS = env_number("ZIT_BACKUP_EVERY_HOURS", 24, float)
ZIT_BACKUP_KEEP_DAYS = env_number("ZIT_BACKUP_KEEP_DAYS", 30)
ZIT_BACKUP_KEEP_COUNT = env_number("ZIT_BACKUP_KEEP_COUNT", 0)
ZIT_BACKUP_KEY = os.environ.get("ZIT_BACKUP_KEY", "")
# where pg_dump and pg_restore of the server's major version are, when not in /usr/lib/postgresql/<major>/bin
ZIT_BACKUP_PG_BIN_DIR = os.environ.get("ZIT_BACKUP_PG_BIN_DIR", "")

# Exchange rates (zit.funding.rate_updates): with ZIT_RATES_FETCH on, a recurring job fetches NBP table A and the
# European Commission's monthly accounting rates (InforEuro) from the institutions' public APIs; off (a server
# without access to the Internet), the office types or imports the rates and the pages say how old they are.
ZIT_RATES_FETCH = env_bool("ZIT_RATES_FETCH", True)

# Signatures (zit.core.signature_check, zit.core.trust_list): the trusted list the recurring job downloads once a
# day (empty: no download, the office uploads the list itself), and whether checking a signature may fetch
# revocation data (OCSP, CRL) and missing certificates from the network (off: the check works offline).
ZIT_TRUST_LIST_URL = os.environ.get("ZIT_TRUST_LIST_URL", "")
ZIT_SIGNATURE_FETCH_REVOCATION = env_bool("ZIT_SIGNATURE_FETCH_REVOCATION", False)
