"""REST API of elections: the same services, visibility and messages as the pages.
Reading: anyone who sees the election. Writing: see ``services`` (organizer's approvers set up
constituencies, areas and candidates; an area's reporters send figures; approvers decide)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mandate.core.api import ErrorSerializer, version_field
from mandate.orgs.models import OrgUnit

from . import queries, services
from .models import AreaResult, Body, Candidate, Constituency, Election, TurnoutReport, VotingArea

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class ElectionBodySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.display_name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Body
        fields = ["id", "kind", "kind_label", "unit", "unit_name", "seats"]


class ElectionSerializer(serializers.ModelSerializer):
    organizer_name = serializers.CharField(source="organizer.display_name", read_only=True)
    bodies = ElectionBodySerializer(many=True, read_only=True)

    class Meta:
        model = Election
        fields = ["id", "name_vi", "name_en", "organizer", "organizer_name", "term", "election_day", "bodies",
                  "extra_candidates", "extra_candidates_large", "large_from_seats", "majority_percent",
                  "min_turnout_percent", "young_age", "tie_break_older", "is_demo", "version"]
        read_only_fields = fields


class ConstituencySerializer(serializers.ModelSerializer):
    body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.none())
    units = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, required=False)
    election = serializers.IntegerField(source="body.election_id", read_only=True)

    class Meta:
        model = Constituency
        fields = ["id", "election", "body", "number", "name", "seats", "units", "version"]
        read_only_fields = ["id", "election", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["body"].queryset = Body.objects.filter(election__in=queries.visible_elections(request.user))


class VotingAreaSerializer(serializers.ModelSerializer):
    constituency = serializers.PrimaryKeyRelatedField(queryset=Constituency.objects.none())
    unit_name = serializers.CharField(source="unit.display_name", read_only=True)

    class Meta:
        model = VotingArea
        fields = ["id", "constituency", "unit", "unit_name", "name", "voters", "version"]
        read_only_fields = ["id", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["constituency"].queryset = queries.visible_constituencies(request.user)


class CandidateSerializer(serializers.ModelSerializer):
    constituency = serializers.PrimaryKeyRelatedField(queryset=Constituency.objects.none())

    class Meta:
        model = Candidate
        fields = ["id", "constituency", "list_order", "full_name", "birth_year", "sex", "ethnicity",
                  "is_ethnic_minority", "occupation", "is_party_member", "nomination", "is_demo", "version"]
        read_only_fields = ["id", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["constituency"].queryset = queries.visible_constituencies(request.user)


FIGURE_READ = ["state", "submitted_at", "decided_at", "decision_comment", "is_demo", "version"]


class TurnoutSerializer(serializers.ModelSerializer):
    area = serializers.PrimaryKeyRelatedField(queryset=VotingArea.objects.none())
    voters = serializers.IntegerField(read_only=True)
    submit = serializers.BooleanField(write_only=True, default=True)

    class Meta:
        model = TurnoutReport
        fields = ["id", "area", "hour", "voted", "voters", "submit", *FIGURE_READ]
        read_only_fields = ["id", "voters", *FIGURE_READ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["area"].queryset = queries.visible_areas(request.user)

    def get_validators(self):
        return []  # posting an hour again corrects it; the service decides


class VotesSerializer(serializers.Serializer):
    candidate = serializers.IntegerField()
    votes = serializers.IntegerField(min_value=0)

    def to_representation(self, instance):
        if isinstance(instance, dict):
            return super().to_representation(instance)
        return {"candidate": instance.candidate_id, "votes": instance.votes}


class ResultSerializer(serializers.ModelSerializer):
    area = serializers.PrimaryKeyRelatedField(queryset=VotingArea.objects.none())
    constituency = serializers.PrimaryKeyRelatedField(queryset=Constituency.objects.none(), required=False,
                                                      write_only=True, help_text="Optional check: the area's "
                                                      "constituency. A different one is refused.")
    votes = VotesSerializer(many=True)
    submit = serializers.BooleanField(write_only=True, default=True)
    expected_version = serializers.IntegerField(write_only=True, required=False, min_value=1,
                                                help_text="When correcting a returned result: its version.")

    class Meta:
        model = AreaResult
        fields = ["id", "area", "constituency", "ballots_issued", "ballots_received", "valid", "invalid", "votes",
                  "submit", "expected_version", *FIGURE_READ]
        read_only_fields = ["id", *FIGURE_READ]
        # The services check the figures and explain what does not add up.
        extra_kwargs = {"ballots_received": {"validators": []}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["area"].queryset = queries.visible_areas(request.user)
            self.fields["constituency"].queryset = queries.visible_constituencies(request.user)

    def get_validators(self):
        return []



class FigureDecisionSerializer(serializers.Serializer):
    version = version_field()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(list=extend_schema(summary="Elections you can see"))
class ElectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Elections organized in your subtree or above it, with their bodies and rules (as data)."""

    serializer_class = ElectionSerializer

    def get_queryset(self):
        # Bodies elected for the user's unit or above it, not other communes' and wards' councils.
        bodies = queries.visible_bodies(self.request.user).select_related("unit")
        return queries.visible_elections(self.request.user).select_related("organizer").prefetch_related(
            Prefetch("bodies", queryset=bodies))


@extend_schema_view(create=extend_schema(responses={201: ConstituencySerializer, **ERRORS}))
class ConstituencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    """Constituencies with their seats and the units they cover."""

    serializer_class = ConstituencySerializer
    filterset_fields = ["body", "body__election"]

    def get_queryset(self):
        return queries.visible_constituencies(self.request.user).select_related("body").prefetch_related("units").order_by(
            "body", "number")

    def perform_create(self, serializer):
        serializer.instance = services.create_constituency(actor=self.request.user, **serializer.validated_data)


@extend_schema_view(create=extend_schema(responses={201: VotingAreaSerializer, **ERRORS}))
class VotingAreaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        viewsets.GenericViewSet):
    """Voting areas with their number of voters on the list."""

    serializer_class = VotingAreaSerializer
    filterset_fields = ["constituency", "unit"]

    def get_queryset(self):
        return queries.visible_areas(self.request.user).select_related("unit")

    def perform_create(self, serializer):
        serializer.instance = services.add_voting_area(actor=self.request.user, **serializer.validated_data)


@extend_schema_view(create=extend_schema(responses={201: CandidateSerializer, **ERRORS}))
class CandidateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       viewsets.GenericViewSet):
    """Candidates with the facts a published candidate list carries."""

    serializer_class = CandidateSerializer
    filterset_fields = ["constituency", "constituency__body"]

    def get_queryset(self):
        return queries.visible_candidates(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.add_candidate(actor=self.request.user, **serializer.validated_data)


class _FigureActions:
    def _after(self, figure):
        return Response(self.get_serializer(self.get_queryset().get(pk=figure.pk)).data)

    @extend_schema(request=FigureDecisionSerializer, responses={200: None, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        d = FigureDecisionSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        return self._after(services.approve_figure(self.get_object(), actor=request.user,
                                                   expected_version=d.validated_data["version"],
                                                   comment=d.validated_data["comment"]))

    @extend_schema(request=FigureDecisionSerializer, responses={200: None, **ERRORS}, methods=["post"])
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        d = FigureDecisionSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        return self._after(services.return_figure(self.get_object(), actor=request.user,
                                                  expected_version=d.validated_data["version"],
                                                  comment=d.validated_data["comment"]))

    @extend_schema(request=FigureDecisionSerializer, responses={200: None, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        d = FigureDecisionSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        return self._after(services.submit_figure(self.get_object(), actor=request.user,
                                                  expected_version=d.validated_data["version"]))


@extend_schema_view(create=extend_schema(responses={201: TurnoutSerializer, **ERRORS}))
class TurnoutViewSet(_FigureActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     viewsets.GenericViewSet):
    """Turnout reports: voters who voted at a fixed hour, per voting area. Posting the same area
    and hour again corrects a draft or returned report."""

    serializer_class = TurnoutSerializer
    filterset_fields = ["area", "area__constituency", "hour", "state"]

    def get_queryset(self):
        return queries.visible_turnout(self.request.user).select_related("area__unit")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.report_turnout(actor=self.request.user, area=d["area"], hour=d["hour"],
                                                      voted=d["voted"], submit=d.get("submit", True))


@extend_schema_view(create=extend_schema(responses={201: ResultSerializer, **ERRORS}))
class ResultViewSet(_FigureActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Results per voting area: ballots and votes per candidate, checked before they are kept."""

    serializer_class = ResultSerializer
    filterset_fields = ["area", "area__constituency", "state"]

    def get_queryset(self):
        return queries.visible_results(self.request.user).select_related("area__unit").prefetch_related("votes")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.enter_result(
            actor=self.request.user, area=d["area"], ballots_issued=d["ballots_issued"],
            ballots_received=d["ballots_received"], valid=d["valid"], invalid=d["invalid"],
            votes={v["candidate"]: v["votes"] for v in d["votes"]}, submit=d.get("submit", True),
            expected_version=d.get("expected_version"), constituency=d.get("constituency"))
