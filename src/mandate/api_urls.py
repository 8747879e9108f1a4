"""The REST API under /api/v1/: one router, each app registers its viewsets in its api.py."""

from csp.decorators import csp_update
from django.urls import path
from django.utils.translation import gettext
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers
from rest_framework.routers import DefaultRouter

from mandate.accounts.tokens import ObtainTokenView
from mandate.documents.api import DocumentViewSet
from mandate.elections.api import (
    CandidateViewSet,
    ConstituencyViewSet,
    ElectionViewSet,
    ResultViewSet,
    TurnoutViewSet,
    VotingAreaViewSet,
)
from mandate.jobs.api import JobViewSet
from mandate.meetings.api import (
    AgendaItemViewSet,
    BodyViewSet,
    CommentViewSet,
    ConclusionViewSet,
    ConferenceViewSet,
    DraftVersionViewSet,
    MeetingViewSet,
    SubmissionViewSet,
)
from mandate.movements.api import CommendationViewSet, MovementViewSet, RegistrationViewSet
from mandate.orgs.api import CurrentUserView, OrgUnitViewSet
from mandate.party.api import (
    CampaignViewSet,
    CaseViewSet,
    DisciplineViewSet,
    EventViewSet,
    InspectionViewSet,
    MemberViewSet,
    RatingViewSet,
)
from mandate.portal.api import PUBLIC_VIEWSETS
from mandate.projects.api import DisbursementViewSet, MilestoneViewSet, ProjectViewSet
from mandate.reporting.api import CompletenessView
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
router.register("meeting-bodies", BodyViewSet, basename="meeting-body")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("draft-versions", DraftVersionViewSet, basename="draft-version")
router.register("agenda-comments", CommentViewSet, basename="agenda-comment")
router.register("conclusions", ConclusionViewSet, basename="conclusion")
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("conference-submissions", SubmissionViewSet, basename="conference-submission")
router.register("tasks", TaskViewSet, basename="task")
router.register("task-reports", ProgressReportViewSet, basename="task-report")
router.register("task-extensions", ExtensionViewSet, basename="task-extension")
router.register("jobs", JobViewSet, basename="job")
router.register("party-members", MemberViewSet, basename="party-member")
router.register("party-member-events", EventViewSet, basename="party-member-event")
router.register("rating-campaigns", CampaignViewSet, basename="rating-campaign")
router.register("member-ratings", RatingViewSet, basename="member-rating")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("disciplines", DisciplineViewSet, basename="discipline")
router.register("corruption-cases", CaseViewSet, basename="corruption-case")
router.register("elections", ElectionViewSet, basename="election")
router.register("constituencies", ConstituencyViewSet, basename="constituency")
router.register("voting-areas", VotingAreaViewSet, basename="voting-area")
router.register("candidates", CandidateViewSet, basename="candidate")
router.register("turnout", TurnoutViewSet, basename="turnout")
router.register("results", ResultViewSet, basename="result")
for _slug, _viewset in PUBLIC_VIEWSETS.items():
    router.register(f"public/{_slug}", _viewset, basename=f"public-{_slug}")

# Ids in API paths are numbers: anything else is a 404 from the URL resolver, never a lookup.
for _prefix, _viewset, _basename in router.registry:
    if "lookup_value_regex" not in _viewset.__dict__:
        _viewset.lookup_value_regex = "[0-9]+"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's script as a file: no inline script under the CSP.
    # Its page carries one inline <style>, allowed on this page only.
    path("docs/", csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("me/", CurrentUserView.as_view(), name="api-me"),
    path("reporting/completeness/", CompletenessView.as_view(), name="api-reporting-completeness"),
    *router.urls,
]
