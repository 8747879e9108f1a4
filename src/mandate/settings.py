"""Django settings for Mandate.

Everything that differs between a laptop and production comes from the environment:
DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS. With none set, Mandate runs on an
embedded SQLite database under ./var with DEBUG on, for `make demo`.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("MANDATE_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# --- Security: debug, secret key, hosts (issue 7) ---------------------------------------------
# `make demo` runs with no settings at all: DEBUG on, a development key, local hosts. A
# production start (DEBUG=0) refuses to run without a real SECRET_KEY and ALLOWED_HOSTS.
DEBUG = env_bool("DEBUG", True)
_DEV_KEY = "django-insecure-mandate-local-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
if not DEBUG and (SECRET_KEY == _DEV_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50
                  or len(set(SECRET_KEY)) < 5):
    raise RuntimeError("SECRET_KEY must be set to a long random value (50 characters or more) when DEBUG is off.")
_hosts = os.environ.get("ALLOWED_HOSTS")
if not DEBUG and not (_hosts or "").strip():
    raise RuntimeError("ALLOWED_HOSTS must be set (comma-separated host names) when DEBUG is off.")
ALLOWED_HOSTS = [h.strip() for h in (_hosts or "127.0.0.1,localhost,testserver").split(",") if h.strip()]
if not DEBUG and "*" in ALLOWED_HOSTS:
    raise RuntimeError("ALLOWED_HOSTS may not be '*' when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",  # login throttling (issue 7)
    "csp",  # Content-Security-Policy (issue 7)
    "mandate.core",
    "mandate.accounts",
    "mandate.orgs",
    "mandate.documents",
    "mandate.targets",
    "mandate.tasks",
    "mandate.movements",
    "mandate.meetings",
    "mandate.projects",
    "mandate.imports",
    "mandate.party",
    "mandate.elections",
    "mandate.portal",
    "mandate.reports",
    "mandate.jobs",
    "mandate.reporting",
    "mandate.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mandate.core.middleware.RequestBodyLimitMiddleware",  # issue 7: refuse big bodies before reading
    "csp.middleware.CSPMiddleware",  # issue 7
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "mandate.core.middleware.AsOfMiddleware",
    "axes.middleware.AxesMiddleware",  # issue 7: keep last
]

ROOT_URLCONF = "mandate.urls"
WSGI_APPLICATION = "mandate.wsgi.application"

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
                "mandate.core.context_processors.mandate",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'mandate.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; a busy timeout makes a second
    # writer wait instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A read replica for dashboards (see core/db_router.py): the same schema, never migrated here.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"],
                                                 conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["mandate.core.db_router.ReplicaRouter"]
# PostgreSQL compiles a query with JIT once its estimated cost is high, which the dashboard's
# queries over a national subtree reach: compiling took 4 s of a 4 s query (EXPLAIN ANALYZE,
# docs/performance.md), to save milliseconds. Off for the app's connections; PG_OPTIONS overrides.
for _alias, _db in DATABASES.items():
    if _db["ENGINE"] == "django.db.backends.postgresql":
        _db.setdefault("OPTIONS", {})["options"] = os.environ.get("PG_OPTIONS", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions and cache live outside the app servers, so any server answers any request:
# in the database by default, in Redis when REDIS_URL is set (sessions then read from
# Redis and are written through to the database, so a Redis restart logs nobody out).
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "mandate"),
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
    }}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "mandate_cache"}}
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "mandate.accounts.validators.NotDemoPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "mandate.accounts.backends.ThrottleBackend",  # issue 7: django-axes lockout, first
    "mandate.accounts.backends.MandateModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Dates typed dd/mm/yyyy in Vietnamese (never month first), numbers grouped 1.234,5.
FORMAT_MODULE_PATH = ["mandate.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise expects the folder to exist even before collectstatic has run.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# --- Security: upload limits (issue 7) ----------------------------------------------------------
# Bodies above MAX_REQUEST_BODY are refused from their Content-Length before anything reads
# them (core.middleware.RequestBodyLimitMiddleware); each file is then checked by
# core.uploads.validate_upload (size, kind by parsing, ZIP entry and unpacked-size limits).
MAX_REQUEST_BODY = int(os.environ.get("MAX_REQUEST_BODY", str(25 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # files above 2.5 MB are spooled to a temporary file
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the non-file part of a request
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Sessions, cookies and transport as Django's deployment checklist recommends.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# --- Security: reverse proxy (issue 7) ------------------------------------------------------------
# X-Forwarded-Proto is trusted only when a proxy that sets it (and strips it from clients)
# is declared with TRUSTED_PROXY=1; otherwise any client could claim HTTPS.
TRUSTED_PROXY = env_bool("TRUSTED_PROXY", False)
if TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # django-axes reads the client address from the proxy's X-Forwarded-For (one hop).
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Security: Content-Security-Policy (issue 7) ---------------------------------------------------
# Only this site's own scripts and styles (htmx and Pico are vendored): no inline script or
# style, no eval. Uploaded files are served with an even stricter policy (core.files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Security: login throttling, tokens (issue 7) ------------------------------------------------
# django-axes locks a username+address pair out after AXES_FAILURE_LIMIT wrong passwords
# for AXES_COOLOFF_TIME hours, on the login page, /admin/ and the API token endpoint.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# An API token lives TOKEN_TTL_HOURS after it was issued; asking again for one rotates it.
TOKEN_TTL_HOURS = float(os.environ.get("TOKEN_TTL_HOURS", "24"))
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mandate@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a request without valid credentials gets 401 with WWW-Authenticate.
        "mandate.accounts.authentication.ExpiringTokenAuthentication",  # issue 7
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "mandate.core.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    # issue 7: API throttles per user / per address (the token endpoint has its own, stricter).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
        "token": os.environ.get("API_THROTTLE_TOKEN", "10/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mandate.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mandate API",
    "DESCRIPTION": "Resolutions, targets, reported values, tasks and the org tree of a province.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from the installed sidecar package: no CDN at run time.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # issue 7: every operation documents the error answers, in the one error shape.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mandate.core.schema.add_error_responses",
    ],
    # Several models have a "kind" or "state": give each choice set its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "mandate.orgs.models.UnitKind",
        "SuccessionKindEnum": "mandate.orgs.models.SuccessionKind",
        "DocumentKindEnum": "mandate.documents.models.DocumentKind",
        "DocumentStateEnum": "mandate.documents.models.DocumentState",
        "RelationKindEnum": "mandate.documents.models.RelationKind",
        "ValueStateEnum": "mandate.targets.models.ValueState",
        "PartyBodyLevelEnum": "mandate.party.models.BodyLevel",
        "AgendaItemKindEnum": "mandate.meetings.models.ItemKind",
        "CommentKindEnum": "mandate.meetings.models.CommentKind",
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Background jobs (mandate.jobs) go through Django's task framework (the django-tasks
# backport). The embedded default runs each job at once, in the request that asked for
# it, so `make demo` needs nothing else; production sets JOBS_BACKEND=database and runs
# `mandate db_worker` beside the web server.
_JOB_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": _JOB_BACKENDS[os.environ.get("JOBS_BACKEND", "immediate")]}}
# Cached public portal pages (in the cache chosen above) are keyed by the public-data
# version, so publishing is seen at once (see docs/portal.md).
PORTAL_CACHE_SECONDS = int(os.environ.get("PORTAL_CACHE_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
