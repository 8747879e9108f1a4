"""The REST API under /api/v1/: one router, each app registers its viewsets in its api.py."""

from django.urls import path
from django.utils.translation import gettext
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import routers
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from mandate.documents.api import DocumentViewSet
from mandate.movements.api import CommendationViewSet, MovementViewSet, RegistrationViewSet
from mandate.orgs.api import CurrentUserView, OrgUnitViewSet
from mandate.projects.api import DisbursementViewSet, MilestoneViewSet, ProjectViewSet
from mandate.targets.api import ReportedValueViewSet, TargetViewSet
from mandate.tasks.api import ExtensionViewSet, ProgressReportViewSet, TaskViewSet


class MandateAPIRoot(routers.APIRootView):
    """The endpoints of the Mandate API. Swagger: /api/v1/docs/."""

    def get_view_name(self):
        return gettext("Mandate API")


router = DefaultRouter()
router.APIRootView = MandateAPIRoot
router.register("org-units", OrgUnitViewSet, basename="org-unit")
router.register("documents", DocumentViewSet, basename="document")
router.register("targets", TargetViewSet, basename="target")
router.register("reported-values", ReportedValueViewSet, basename="reported-value")
router.register("projects", ProjectViewSet, basename="project")
router.register("disbursements", DisbursementViewSet, basename="disbursement")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("movements", MovementViewSet, basename="movement")
router.register("movement-registrations", RegistrationViewSet, basename="movement-registration")
router.register("commendations", CommendationViewSet, basename="commendation")
router.register("tasks", TaskViewSet, basename="task")
router.register("task-reports", ProgressReportViewSet, basename="task-report")
router.register("task-extensions", ExtensionViewSet, basename="task-extension")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("me/", CurrentUserView.as_view(), name="api-me"),
    *router.urls,
]
