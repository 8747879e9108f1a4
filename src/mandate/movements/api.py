"""REST API of emulation movements, registrations and commendations: the same services and
visibility as the pages. Organizers launch, decide and commend; units register for themselves."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mandate.accounts.access import visible_units
from mandate.core.api import AS_OF_PARAMETER, ErrorSerializer, as_of_from, version_field
from mandate.documents.models import DirectiveDocument
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.tasks.models import Task

from . import services
from .models import Commendation, Movement, Registration
from .queries import movement_list, visible_commendations, visible_movements, visible_registrations

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class MovementSerializer(serializers.ModelSerializer):
    organizer_name = serializers.CharField(source="organizer.display_name", read_only=True)
    document_number = serializers.CharField(source="document.number", read_only=True)
    eligible_kinds = serializers.ListField(child=serializers.ChoiceField(choices=UnitKind.choices), min_length=1)
    units_registered = serializers.IntegerField(read_only=True)
    tasks_registered = serializers.IntegerField(read_only=True)
    tasks_approved = serializers.IntegerField(read_only=True)
    tasks_pending = serializers.IntegerField(read_only=True)

    class Meta:
        model = Movement
        fields = ["id", "title", "document", "document_number", "organizer", "organizer_name", "occasion",
                  "occasion_date", "registration_deadline", "eligible_kinds", "min_tasks", "max_tasks",
                  "description", "units_registered", "tasks_registered", "tasks_approved", "tasks_pending",
                  "is_demo", "version"]
        read_only_fields = ["id", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "organizer" in self.fields:
            self.fields["organizer"].queryset = visible_units(request.user)
            self.fields["document"].queryset = DirectiveDocument.objects.all()


class MovementUpdateSerializer(serializers.Serializer):
    version = version_field()
    title = serializers.CharField(max_length=500, required=False)
    registration_deadline = serializers.DateField(required=False)
    eligible_kinds = serializers.ListField(child=serializers.ChoiceField(choices=UnitKind.choices), required=False)
    min_tasks = serializers.IntegerField(min_value=1, required=False)
    max_tasks = serializers.IntegerField(min_value=1, required=False)
    occasion = serializers.CharField(required=False, allow_blank=True)
    occasion_date = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)


class RegistrationSerializer(serializers.ModelSerializer):
    movement = serializers.PrimaryKeyRelatedField(queryset=Movement.objects.none())
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    unit_name = serializers.CharField(source="unit.display_name", read_only=True)
    task = serializers.PrimaryKeyRelatedField(read_only=True)
    task_state = serializers.CharField(read_only=True, allow_null=True,
                                       help_text="The computed state of the approved task as of ``as_of``.")

    class Meta:
        model = Registration
        fields = ["id", "movement", "unit", "unit_name", "title", "description", "deadline", "expected_result",
                  "state", "registered_on", "decided_on", "decision_comment", "task", "task_state", "is_demo",
                  "version"]
        read_only_fields = ["id", "state", "registered_on", "decided_on", "decision_comment", "task", "is_demo",
                            "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["movement"].queryset = visible_movements(request.user)
            self.fields["unit"].queryset = visible_units(request.user)


class DecisionSerializer(serializers.Serializer):
    version = version_field(required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CommendationSerializer(serializers.ModelSerializer):
    movement = serializers.PrimaryKeyRelatedField(queryset=Movement.objects.none())
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False, allow_null=True)
    recipient = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    class Meta:
        model = Commendation
        fields = ["id", "movement", "recipient", "unit", "kind", "level", "awarded_on", "decision_number",
                  "is_demo", "version"]
        read_only_fields = ["id", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["movement"].queryset = visible_movements(request.user)
            self.fields["unit"].queryset = visible_units(request.user)


@extend_schema_view(
    create=extend_schema(responses={201: MovementSerializer, **ERRORS}),
    partial_update=extend_schema(request=MovementUpdateSerializer, responses={200: MovementSerializer, **ERRORS}),
)
class MovementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Emulation movements organized in your subtree or above it, with their registration counts."""

    serializer_class = MovementSerializer
    filterset_fields = ["organizer", "document"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return movement_list(self.request.user)

    def perform_create(self, serializer):
        movement = services.launch_movement(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=movement.pk)

    def partial_update(self, request, *args, **kwargs):
        movement = self.get_object()
        data = MovementUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        services.update_movement(movement, actor=request.user, expected_version=version, **fields)
        return Response(MovementSerializer(self.get_queryset().get(pk=movement.pk),
                                           context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(parameters=[AS_OF_PARAMETER]),
    retrieve=extend_schema(parameters=[AS_OF_PARAMETER]),
    create=extend_schema(responses={201: RegistrationSerializer, **ERRORS}),
)
class RegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    """Tasks registered by units for a movement. A unit's reporters register; the organizer's
    approvers approve (the registration becomes a task) or do not accept it."""

    serializer_class = RegistrationSerializer
    filterset_fields = ["movement", "unit", "state"]

    def get_queryset(self):
        states = Task.objects.filter(pk=OuterRef("task_id")).with_state(as_of_from(self.request)).values("state")
        return visible_registrations(self.request.user).select_related("unit").annotate(
            task_state=Subquery(states[:1]))

    def perform_create(self, serializer):
        d = serializer.validated_data
        registration = services.register_task(
            actor=self.request.user, movement=d["movement"], unit=d["unit"], title=d["title"], deadline=d["deadline"],
            description=d.get("description", ""), expected_result=d.get("expected_result", ""))
        serializer.instance = self.get_queryset().get(pk=registration.pk)

    def _decide(self, request, decide):
        registration = self.get_object()
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decide(registration, actor=request.user, expected_version=data.validated_data.get("version"),
               comment=data.validated_data["comment"])
        return Response(RegistrationSerializer(self.get_queryset().get(pk=registration.pk),
                                               context=self.get_serializer_context()).data, status=status.HTTP_200_OK)

    @extend_schema(request=DecisionSerializer, responses={200: RegistrationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.approve_registration)

    @extend_schema(request=DecisionSerializer, responses={200: RegistrationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.reject_registration)


@extend_schema_view(create=extend_schema(responses={201: CommendationSerializer, **ERRORS}))
class CommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    """Commendations for the results of visible movements; the organizer's approvers record them."""

    serializer_class = CommendationSerializer
    filterset_fields = ["movement", "unit", "kind", "level"]

    def get_queryset(self):
        return visible_commendations(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.record_commendation(actor=self.request.user, **serializer.validated_data)
