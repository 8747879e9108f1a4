from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from mandate.reports import views as reports_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reports:dashboard", permanent=False), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("mandate.accounts.urls")),
    path("dashboard/", include("mandate.reports.urls")),
    path("search/", reports_views.search_page, name="search"),
    path("units/", include("mandate.orgs.urls")),
    path("documents/", include("mandate.documents.urls")),
    path("targets/", include("mandate.targets.urls")),
    path("tasks/", include("mandate.tasks.urls")),
    path("movements/", include("mandate.movements.urls")),
    path("projects/", include("mandate.projects.urls")),
    path("import/", include("mandate.imports.urls")),
    path("api/v1/", include("mandate.api_urls")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the site's layout and language; /api/ answers JSON (core/errors.py).
handler400 = "mandate.core.errors.bad_request"
handler403 = "mandate.core.errors.permission_denied"
handler404 = "mandate.core.errors.page_not_found"
handler500 = "mandate.core.errors.server_error"
