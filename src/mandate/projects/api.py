"""REST API of investment projects, disbursements and milestones: the same services and
visibility as the pages (readers see projects whose investor is in their subtree)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mandate.accounts.access import visible_units
from mandate.core.api import (
    AS_OF_PARAMETER,
    DecimalText,
    ErrorSerializer,
    NumberInput,
    as_of_from,
    version_field,
)
from mandate.orgs.models import OrgUnit

from . import services
from .filters import ProjectFilter
from .models import Disbursement, InvestmentProject, Milestone
from .queries import project_rows, visible_projects

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class ProjectSerializer(serializers.ModelSerializer):
    investor_name = serializers.CharField(source="investor.display_name", read_only=True)
    planned_capital = DecimalText()
    disbursed = DecimalText()
    disbursement_rate = serializers.FloatField(read_only=True, help_text="Percent of the planned capital disbursed.")
    time_elapsed = serializers.FloatField(read_only=True,
                                          help_text="Percent of the time from start to planned completion gone.")
    site_clearance_percent = DecimalText()
    is_completed = serializers.BooleanField(read_only=True)
    has_overdue_milestone = serializers.BooleanField(read_only=True)
    completion_overdue = serializers.BooleanField(read_only=True)
    disbursement_behind = serializers.BooleanField(read_only=True)
    at_risk = serializers.BooleanField(read_only=True)

    class Meta:
        model = InvestmentProject
        fields = ["id", "name", "investor", "investor_name", "document", "plan_year", "planned_capital", "disbursed",
                  "disbursement_rate", "time_elapsed", "started_on", "planned_completion", "completed_on",
                  "site_clearance_percent", "site_clearance_on", "is_completed", "has_overdue_milestone",
                  "completion_overdue", "disbursement_behind", "at_risk", "description", "is_demo", "version"]
        read_only_fields = fields


class ProjectWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=500)
    investor = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    plan_year = serializers.IntegerField(min_value=2000, max_value=2100)
    planned_capital = NumberInput(help_text="Whole đồng: 12500000000 or \"12.500.000.000\".")
    started_on = serializers.DateField()
    planned_completion = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["investor"].queryset = visible_units(request.user)


class ProjectUpdateSerializer(serializers.Serializer):
    version = version_field()
    name = serializers.CharField(max_length=500, required=False)
    plan_year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    planned_capital = NumberInput(required=False)
    started_on = serializers.DateField(required=False)
    planned_completion = serializers.DateField(required=False)
    description = serializers.CharField(required=False, allow_blank=True)


class ClearanceSerializer(serializers.Serializer):
    version = version_field(required=False)
    percent = NumberInput(allow_null=False)
    as_of = serializers.DateField()


class CompletionSerializer(serializers.Serializer):
    version = version_field(required=False)
    completed_on = serializers.DateField(allow_null=True)


class ProjectByVisibility(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return visible_projects(self.context["request"].user)


class DisbursementSerializer(serializers.ModelSerializer):
    project = ProjectByVisibility()
    amount = NumberInput(allow_null=False, help_text="Whole đồng.")
    recorded_by = serializers.CharField(source="recorded_by.get_username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Disbursement
        fields = ["id", "project", "paid_on", "amount", "note", "recorded_by", "is_demo", "created_at"]
        read_only_fields = ["id", "recorded_by", "is_demo", "created_at"]


class MilestoneSerializer(serializers.ModelSerializer):
    project = ProjectByVisibility()
    state = serializers.CharField(read_only=True, help_text="not_started, done_on_time, done_late or overdue.")

    class Meta:
        model = Milestone
        fields = ["id", "project", "title", "deadline", "done_on", "state", "is_demo", "version"]
        read_only_fields = ["id", "done_on", "state", "is_demo", "version"]


class MilestoneDoneSerializer(serializers.Serializer):
    version = version_field(required=False)
    done_on = serializers.DateField(allow_null=True)


@extend_schema_view(
    list=extend_schema(parameters=[AS_OF_PARAMETER]),
    retrieve=extend_schema(parameters=[AS_OF_PARAMETER]),
    create=extend_schema(request=ProjectWriteSerializer, responses={201: ProjectSerializer, **ERRORS}),
    partial_update=extend_schema(request=ProjectUpdateSerializer, responses={200: ProjectSerializer, **ERRORS}),
)
class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Investment projects whose investor is in your subtree, with figures as of ``as_of``.
    Approvers of the investor create and edit; its reporters record clearance and completion."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return project_rows(self.request.user, as_of_from(self.request))

    def _reply(self, project, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=project.pk)
        return Response(ProjectSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        data = ProjectWriteSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        project = services.create_project(actor=request.user, **data.validated_data)
        return self._reply(project, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        project = self.get_object()
        data = ProjectUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        project = services.update_project(project, actor=request.user, expected_version=version, **fields)
        return self._reply(project)

    @extend_schema(request=ClearanceSerializer, responses={200: ProjectSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="site-clearance")
    def site_clearance(self, request, pk=None):
        project = self.get_object()
        data = ClearanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        services.record_site_clearance(actor=request.user, project=project, percent=d["percent"], as_of=d["as_of"],
                                       expected_version=d.get("version"))
        return self._reply(project)

    @extend_schema(request=CompletionSerializer, responses={200: ProjectSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def completion(self, request, pk=None):
        project = self.get_object()
        data = CompletionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.record_completion(actor=request.user, project=project, completed_on=data.validated_data["completed_on"],
                                   expected_version=data.validated_data.get("version"))
        return self._reply(project)


@extend_schema_view(create=extend_schema(responses={201: DisbursementSerializer, **ERRORS}))
class DisbursementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    """Disbursements of visible projects; the investor's reporters record them."""

    serializer_class = DisbursementSerializer
    filterset_fields = ["project"]

    def get_queryset(self):
        return Disbursement.objects.filter(project__investor__in=visible_units(self.request.user)).select_related(
            "recorded_by")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.record_disbursement(actor=self.request.user, project=d["project"],
                                                           paid_on=d["paid_on"], amount=d["amount"],
                                                           note=d.get("note", ""))


@extend_schema_view(
    list=extend_schema(parameters=[AS_OF_PARAMETER]),
    create=extend_schema(responses={201: MilestoneSerializer, **ERRORS}),
)
class MilestoneViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       viewsets.GenericViewSet):
    """Milestones of visible projects with their state as of ``as_of``. The investor's approvers
    add them; its reporters record when one is done."""

    serializer_class = MilestoneSerializer
    filterset_fields = ["project"]

    def get_queryset(self):
        return Milestone.objects.filter(project__investor__in=visible_units(self.request.user)).with_state(
            as_of_from(self.request))

    def perform_create(self, serializer):
        d = serializer.validated_data
        milestone = services.add_milestone(actor=self.request.user, project=d["project"], title=d["title"],
                                           deadline=d["deadline"])
        serializer.instance = self.get_queryset().get(pk=milestone.pk)

    @extend_schema(request=MilestoneDoneSerializer, responses={200: MilestoneSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        milestone = self.get_object()
        data = MilestoneDoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.complete_milestone(actor=request.user, milestone=milestone, done_on=data.validated_data["done_on"],
                                    expected_version=data.validated_data.get("version"))
        return Response(MilestoneSerializer(self.get_queryset().get(pk=milestone.pk),
                                            context=self.get_serializer_context()).data)
