from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from mandate.core import views as core_views
from mandate.core.health import healthz
from mandate.reports import views as reports_views

# Uploaded files are never served from MEDIA_URL, whatever DEBUG is: each is served by a
# view of the record it belongs to, after that record's access check (core.files).
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", RedirectView.as_view(pattern_name="reports:dashboard", permanent=False, query_string=True), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("as-of/", core_views.set_as_of, name="set_as_of"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("mandate.accounts.urls")),
    path("dashboard/", include("mandate.reports.urls")),
    path("search/", reports_views.search_page, name="search"),
    path("units/", include("mandate.orgs.urls")),
    path("documents/", include("mandate.documents.urls")),
    path("targets/", include("mandate.targets.urls")),
    path("tasks/", include("mandate.tasks.urls")),
    path("movements/", include("mandate.movements.urls")),
    path("meetings/", include("mandate.meetings.urls")),
    path("projects/", include("mandate.projects.urls")),
    path("import/", include("mandate.imports.urls")),
    path("jobs/", include("mandate.jobs.urls")),
    path("reporting/", include("mandate.reporting.urls")),
    path("party/", include("mandate.party.urls")),
    path("elections/", include("mandate.elections.urls")),
    path("public/", include("mandate.portal.urls")),
    path("api/v1/", include("mandate.api_urls")),
    path("admin/", admin.site.urls),
]
# Error pages in the site's layout and language; /api/ answers JSON (core/errors.py).
handler400 = "mandate.core.errors.bad_request"
handler403 = "mandate.core.errors.permission_denied"
handler404 = "mandate.core.errors.page_not_found"
handler500 = "mandate.core.errors.server_error"
