"""REST API of Party building: the same services and the same privacy rule as the pages
(``queries.members_for``, ``queries.can_see_names``). Anyone who may see a unit can read
its counts and rating shares; names only where the pages show them."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from mandate.core.api import AS_OF_PARAMETER, ErrorSerializer, as_of_from, version_field
from mandate.orgs.models import OrgUnit

from . import queries, services
from .models import (
    CorruptionCase,
    Discipline,
    EventKind,
    Inspection,
    MemberEvent,
    MemberRating,
    PartyMember,
    RatingCampaign,
    RatingRuleSet,
)

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}
UNIT_PARAMETER = OpenApiParameter("unit", int, OpenApiParameter.QUERY,
                                  description="The org unit whose figures are wanted (default: the committee).")


class MemberSerializer(serializers.ModelSerializer):
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    org_unit_name = serializers.CharField(source="org_unit.display_name", read_only=True)
    decision_number = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")

    class Meta:
        model = PartyMember
        fields = ["id", "code", "full_name", "birth_year", "sex", "ethnicity", "org_unit", "org_unit_name",
                  "admitted_on", "official_on", "status", "decision_number", "is_demo", "version"]
        read_only_fields = ["id", "status", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["org_unit"].queryset = queries.count_scope(request.user)


class TransferSerializer(serializers.Serializer):
    version = version_field(required=False)
    to_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    on = serializers.DateField()
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")


class ExitSerializer(serializers.Serializer):
    version = version_field(required=False)
    kind = serializers.ChoiceField(choices=[(k, EventKind(k).label) for k in services.EXIT_STATUS])
    on = serializers.DateField()
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")


class OfficialSerializer(serializers.Serializer):
    version = version_field(required=False)
    on = serializers.DateField()
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")


class CountSerializer(serializers.Serializer):
    org_unit = serializers.IntegerField(source="pk")
    org_unit_name = serializers.CharField(source="display_name")
    total = serializers.IntegerField()
    official = serializers.IntegerField()
    probationary = serializers.IntegerField()


def _unit_param(request, default=None) -> OrgUnit:
    raw = request.query_params.get("unit")
    scope = queries.count_scope(request.user)
    if raw:
        try:
            return scope.get(pk=int(raw))
        except (ValueError, OrgUnit.DoesNotExist):
            raise NotFound from None
    if default is not None:
        return default
    unit = scope.filter(kind__in=queries.COMMITTEE_KINDS).order_by("depth", "path").first()
    if unit is None:
        raise NotFound
    return unit


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("q", str, OpenApiParameter.QUERY,
                                                    description="Search by name or exact member code.")]),
    create=extend_schema(responses={201: MemberSerializer, **ERRORS}),
)
class MemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Party members whose names you may read (your committee's subtree, an inspection
    committee's scope, or your own record). Others get counts from ``counts``."""

    serializer_class = MemberSerializer
    filterset_fields = ["org_unit", "status", "sex"]

    def get_queryset(self):
        qs = queries.members_for(self.request.user).select_related("org_unit").order_by("org_unit__path", "pk")
        text = self.request.query_params.get("q")
        return qs.filter(pk__in=queries.search_members(self.request.user, text).values("pk")) if text else qs

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        unit = d.pop("org_unit")
        member = services.admit_member(actor=self.request.user, org_unit=unit, **d)
        serializer.instance = member

    def _write(self, request, data_class, call):
        member = self.get_object()
        data = data_class(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        version = d.pop("version", None)
        call(member, actor=request.user, expected_version=version, **d)
        return Response(MemberSerializer(self.get_queryset().get(pk=member.pk),
                                         context=self.get_serializer_context()).data)

    @extend_schema(request=TransferSerializer, responses={200: MemberSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        return self._write(request, TransferSerializer, services.transfer_member)

    @extend_schema(request=ExitSerializer, responses={200: MemberSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="exit")
    def exit_party(self, request, pk=None):
        return self._write(request, ExitSerializer, services.record_exit)

    @extend_schema(request=OfficialSerializer, responses={200: MemberSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="make-official")
    def make_official(self, request, pk=None):
        return self._write(request, OfficialSerializer, services.make_official)

    @extend_schema(parameters=[UNIT_PARAMETER, AS_OF_PARAMETER], responses={200: CountSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def counts(self, request):
        """Members of a unit and of each of its Party organizations on a day (no names)."""
        unit = _unit_param(request)
        rows = queries.member_counts(unit, as_of_from(request), request.user)
        return Response(CountSerializer(rows, many=True).data)


class EventSerializer(serializers.ModelSerializer):
    org_unit_name = serializers.CharField(source="org_unit.display_name", read_only=True)

    class Meta:
        model = MemberEvent
        fields = ["id", "member", "kind", "on", "org_unit", "org_unit_name", "from_unit", "decision_number",
                  "is_demo"]


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """The admission, transfer and exit records of the members you may read."""

    serializer_class = EventSerializer
    filterset_fields = ["member", "kind", "org_unit"]

    def get_queryset(self):
        return queries.events_for(self.request.user).select_related("org_unit").order_by("on", "pk")


class CampaignSerializer(serializers.ModelSerializer):
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    org_unit_name = serializers.CharField(source="org_unit.display_name", read_only=True)
    rule_set = serializers.SlugRelatedField(slug_field="code", queryset=RatingRuleSet.objects.all(), required=False)

    class Meta:
        model = RatingCampaign
        fields = ["id", "year", "org_unit", "org_unit_name", "rule_set", "reference_date", "state", "member_target",
                  "org_target", "four_good_target", "is_demo", "version"]
        read_only_fields = ["id", "state", "is_demo", "version"]
        extra_kwargs = {"reference_date": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["org_unit"].queryset = queries.count_scope(request.user)


class RatingResultSerializer(serializers.Serializer):
    org_unit = serializers.IntegerField(source="unit.pk")
    org_unit_name = serializers.CharField(source="unit.display_name")
    rated = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField())
    well_or_better = serializers.IntegerField()
    well_or_better_percent = serializers.DecimalField(source="well_share", max_digits=6, decimal_places=2,
                                                      allow_null=True)
    four_good = serializers.IntegerField()


class ResultsSerializer(serializers.Serializer):
    members = RatingResultSerializer(many=True)
    organizations = RatingResultSerializer(many=True)


class GroupGradesSerializer(serializers.Serializer):
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(),
                                                  help_text="The rating group: the members' organization.")
    grades = serializers.DictField(child=serializers.CharField(), help_text="Rating id → grade code.")


class CloseSerializer(serializers.Serializer):
    version = version_field(required=False)


@extend_schema_view(create=extend_schema(responses={201: CampaignSerializer, **ERRORS}))
class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """Annual rating campaigns of the Party committees you may see."""

    serializer_class = CampaignSerializer
    filterset_fields = ["year", "org_unit", "state"]

    def get_queryset(self):
        return queries.visible_campaigns(self.request.user).order_by("-year", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.open_campaign(actor=self.request.user, **serializer.validated_data)

    @extend_schema(parameters=[UNIT_PARAMETER], responses={200: ResultsSerializer})
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """Counts and shares of each decided grade, at the unit and each of its children (no names)."""
        campaign = self.get_object()
        default = campaign.org_unit
        if not queries.count_scope(request.user).filter(pk=default.pk).exists():
            default = queries.membership_of(request.user).org_unit
        unit = _unit_param(request, default=default)
        if not unit.path.startswith(campaign.org_unit.path):
            raise NotFound
        return Response(ResultsSerializer({"members": queries.rating_results(campaign, unit),
                                           "organizations": queries.rating_results(campaign, unit,
                                                                                   organizations=True)}).data)

    def _group(self, request, call):
        campaign = self.get_object()
        data = GroupGradesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = data.validated_data["org_unit"]
        if not queries.can_see_names(request.user, unit):
            raise NotFound
        grades = {int(k): v for k, v in data.validated_data["grades"].items()}
        changed = call(campaign, actor=request.user, org_unit=unit, grades=grades)
        return Response({"changed": changed})

    @extend_schema(request=GroupGradesSerializer, responses={200: dict, **ERRORS})
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        """The cell's proposal for its members; refused (400) when it breaks the quota."""
        return self._group(request, services.propose_group)

    @extend_schema(request=GroupGradesSerializer, responses={200: dict, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """The committee's decision for a rating group; refused (400) when it breaks the quota."""
        return self._group(request, services.decide_group)

    @extend_schema(request=CloseSerializer, responses={200: CampaignSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the rating; the shares are written into the linked targets and approved."""
        campaign = self.get_object()
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.close_campaign(campaign, actor=request.user, expected_version=data.validated_data.get("version"))
        return Response(CampaignSerializer(self.get_queryset().get(pk=campaign.pk),
                                           context=self.get_serializer_context()).data)


class RatingSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = MemberRating
        fields = ["id", "campaign", "member", "member_name", "org_unit", "self_grade", "self_points",
                  "proposed_grade", "decided_grade", "is_demo", "version"]


class SelfAssessmentSerializer(serializers.Serializer):
    version = version_field(required=False)
    grade = serializers.CharField(required=False, allow_blank=True, default="")
    points = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RatingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Members' ratings, for the members whose names you may read."""

    serializer_class = RatingSerializer
    filterset_fields = ["campaign", "org_unit", "decided_grade"]

    def get_queryset(self):
        return (MemberRating.objects.filter(member__in=queries.members_for(self.request.user).values("pk"))
                .select_related("member").order_by("campaign", "org_unit__path", "pk"))

    @extend_schema(request=SelfAssessmentSerializer, responses={200: RatingSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="self-assessment")
    def self_assessment(self, request, pk=None):
        rating = self.get_object()
        data = SelfAssessmentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        services.self_assess(rating, actor=request.user, grade=d.get("grade") or None, points=d.get("points"),
                             note=d.get("note", ""), expected_version=d.get("version"))
        return Response(RatingSerializer(self.get_queryset().get(pk=rating.pk)).data)


class InspectionSerializer(serializers.ModelSerializer):
    body = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    subject_org = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False,
                                                     allow_null=True)
    subject_member = serializers.PrimaryKeyRelatedField(queryset=PartyMember.objects.none(), required=False,
                                                        allow_null=True)
    subject_name = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = ["id", "body", "level", "kind", "subject_type", "subject_org", "subject_member", "subject_name",
                  "org_unit", "started_on", "ended_on", "findings", "is_demo", "version"]
        read_only_fields = ["id", "subject_type", "org_unit", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["body"].queryset = queries.count_scope(request.user)
            self.fields["subject_org"].queryset = queries.count_scope(request.user)
            self.fields["subject_member"].queryset = queries.members_for(request.user)

    def get_subject_name(self, obj) -> str:
        return obj.subject_member.full_name if obj.subject_member_id else obj.subject_org.display_name


class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        viewsets.GenericViewSet):
    """Inspection and supervision records. Records about a member are listed only for those
    who may read the member's name; the term report's counts are for everyone."""

    serializer_class = InspectionSerializer
    filterset_fields = ["kind", "level", "subject_type", "body"]

    def get_queryset(self):
        return queries.inspections_for(self.request.user).select_related("subject_org", "subject_member").order_by(
            "-started_on", "-pk")

    def perform_create(self, serializer):
        serializer.instance = services.record_inspection(actor=self.request.user, **serializer.validated_data)


class DisciplineSerializer(serializers.ModelSerializer):
    body = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    subject_org = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False,
                                                     allow_null=True)
    subject_member = serializers.PrimaryKeyRelatedField(queryset=PartyMember.objects.none(), required=False,
                                                        allow_null=True)
    inspection = serializers.PrimaryKeyRelatedField(queryset=Inspection.objects.none(), required=False,
                                                    allow_null=True)
    subject_name = serializers.SerializerMethodField()

    class Meta:
        model = Discipline
        fields = ["id", "body", "level", "form", "subject_type", "subject_org", "subject_member", "subject_name",
                  "org_unit", "inspection", "decided_on", "decision_number", "reason", "is_demo", "version"]
        read_only_fields = ["id", "subject_type", "org_unit", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["body"].queryset = queries.count_scope(request.user)
            self.fields["subject_org"].queryset = queries.count_scope(request.user)
            self.fields["subject_member"].queryset = queries.members_for(request.user)
            self.fields["inspection"].queryset = queries.inspections_for(request.user)

    def get_subject_name(self, obj) -> str:
        return obj.subject_member.full_name if obj.subject_member_id else obj.subject_org.display_name


class DisciplineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        viewsets.GenericViewSet):
    """Disciplines; an expulsion also ends the member's membership."""

    serializer_class = DisciplineSerializer
    filterset_fields = ["form", "level", "subject_type", "body"]

    def get_queryset(self):
        return queries.disciplines_for(self.request.user).select_related("subject_org", "subject_member").order_by(
            "-decided_on", "-pk")

    def perform_create(self, serializer):
        serializer.instance = services.record_discipline(actor=self.request.user, **serializer.validated_data)


class DefendantSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CaseSerializer(serializers.ModelSerializer):
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    defendant_count = serializers.IntegerField(
        min_value=0, required=False,
        help_text="The number of defendants (default: the number of names given); names may be fewer.")
    defendants = DefendantSerializer(many=True, required=False, write_only=True)
    defendant_names = serializers.SerializerMethodField(
        help_text="Names of the defendants, only for the committees and inspection committees; otherwise null.")

    class Meta:
        model = CorruptionCase
        fields = ["id", "title", "kind", "org_unit", "level", "opened_on", "steering_monitored", "defendant_count",
                  "defendants", "defendant_names", "is_demo", "version"]
        read_only_fields = ["id", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["org_unit"].queryset = queries.count_scope(request.user)

    def get_defendant_names(self, obj) -> list[str] | None:
        request = self.context.get("request")
        if request is None or not queries.can_see_names(request.user, obj.org_unit):
            return None
        return [d.full_name for d in obj.defendants.all()]


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  viewsets.GenericViewSet):
    """Corruption and negativity cases with their defendants (names only where allowed)."""

    serializer_class = CaseSerializer
    filterset_fields = ["kind", "level", "steering_monitored", "org_unit"]

    def get_queryset(self):
        return queries.cases_for(self.request.user).select_related("org_unit").prefetch_related(
            "defendants").order_by("-opened_on", "-pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        defendants = [(x["full_name"], x.get("position", "")) for x in d.pop("defendants", [])]
        case = services.record_case(actor=self.request.user, defendants=defendants, **d)
        serializer.instance = self.get_queryset().get(pk=case.pk)


__all__ = ["get_object_or_404"]
