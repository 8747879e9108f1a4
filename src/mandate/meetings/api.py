"""Meetings and conferences over the API, with the pages' rules: reads through ``queries``
(a confidential item is never listed to a non-member: 404), writes through ``services``
(the clerk, the members, the organizer, the unit's reporters). A stale ``version`` is 409."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from mandate.core.api import AS_OF_PARAMETER, ErrorSerializer, as_of_from

from . import services
from .models import ConclusionTask
from .queries import (
    task_states,
    visible_bodies,
    visible_comments,
    visible_conclusions,
    visible_conferences,
    visible_items,
    visible_meetings,
    visible_submissions,
    visible_versions,
)
from .serializers import (
    AgendaItemSerializer,
    AgendaItemUpdateSerializer,
    AssignmentSerializer,
    BodySerializer,
    CommentSerializer,
    ConclusionSerializer,
    ConclusionUpdateSerializer,
    ConferenceSerializer,
    DraftVersionSerializer,
    MeetingSerializer,
    MeetingUpdateSerializer,
    NoticeSerializer,
    SubmissionSerializer,
    SubmitSerializer,
)

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Bodies (Standing Committee, People's Committee...) with their members."""

    serializer_class = BodySerializer

    def get_queryset(self):
        return visible_bodies(self.request.user).select_related("unit").prefetch_related("members")


@extend_schema_view(
    create=extend_schema(responses={201: MeetingSerializer, **ERRORS}),
    partial_update=extend_schema(request=MeetingUpdateSerializer, responses={200: MeetingSerializer, **ERRORS}),
)
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Meetings of the bodies you see; the body's clerk schedules them and issues the notice."""

    serializer_class = MeetingSerializer
    filterset_fields = ["body", "term"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return visible_meetings(self.request.user).select_related("body__unit", "chair", "notice")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        meeting = services.schedule_meeting(actor=self.request.user, **d)
        serializer.instance = self.get_queryset().get(pk=meeting.pk)

    def partial_update(self, request, *args, **kwargs):
        meeting = self.get_object()
        data = MeetingUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        services.update_meeting(meeting, actor=request.user, expected_version=version, **fields)
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk),
                                          context=self.get_serializer_context()).data)

    @extend_schema(request=NoticeSerializer, responses={200: MeetingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        """Issue the conclusion notice: numbered, recorded as a directive document of kind notice."""
        meeting = self.get_object()
        data = NoticeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.issue_notice(meeting, actor=request.user, expected_version=fields.pop("version"), **fields)
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk),
                                          context=self.get_serializer_context()).data)


@extend_schema_view(
    create=extend_schema(responses={201: AgendaItemSerializer, **ERRORS}),
    partial_update=extend_schema(request=AgendaItemUpdateSerializer, responses={200: AgendaItemSerializer, **ERRORS}),
)
class AgendaItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Agenda items you may see (personnel and inspection items: the body's members only).
    The clerk adds items and changes their order, title, kind or units."""

    serializer_class = AgendaItemSerializer
    filterset_fields = ["meeting", "kind"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        data = AgendaItemUpdateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.update_item(item, actor=request.user, expected_version=fields.pop("version"), **fields)
        return Response(AgendaItemSerializer(self.get_queryset().get(pk=item.pk),
                                             context=self.get_serializer_context()).data)

    def get_queryset(self):
        return (visible_items(self.request.user).select_related("presenting_unit", "conclusion")
                .prefetch_related("related_documents").order_by("meeting", "order", "pk"))

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        item = services.add_item(actor=self.request.user, meeting=d.pop("meeting"),
                                 related_documents=d.pop("related_documents", []), **d)
        serializer.instance = self.get_queryset().get(pk=item.pk)


@extend_schema_view(create=extend_schema(responses={201: DraftVersionSerializer, **ERRORS}))
class DraftVersionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    """Versions of an item's draft; upload a new one (multipart, .docx or .pdf) as the clerk."""

    serializer_class = DraftVersionSerializer
    filterset_fields = ["item"]
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return visible_versions(self.request.user).order_by("item", "number")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.upload_version(actor=self.request.user, item=d["item"], file=d["file"],
                                                      note=d.get("note", ""))


@extend_schema_view(create=extend_schema(responses={201: CommentSerializer, **ERRORS}))
class CommentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     viewsets.GenericViewSet):
    """Members' written comments and the comments the clerk recorded at the meeting."""

    serializer_class = CommentSerializer
    filterset_fields = ["item", "version"]

    def get_queryset(self):
        return visible_comments(self.request.user).select_related("member")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.add_comment(actor=self.request.user, item=d["item"], text=d["text"],
                                                   version=d.get("version"), member=d.get("member"))


@extend_schema_view(
    list=extend_schema(parameters=[AS_OF_PARAMETER]),
    retrieve=extend_schema(parameters=[AS_OF_PARAMETER]),
    create=extend_schema(responses={201: ConclusionSerializer, **ERRORS}),
    partial_update=extend_schema(request=ConclusionUpdateSerializer, responses={200: ConclusionSerializer, **ERRORS}),
)
class ConclusionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Conclusions per item with their outcome and the tasks they assigned (with state)."""

    serializer_class = ConclusionSerializer
    filterset_fields = ["item", "outcome", "item__meeting"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return visible_conclusions(self.request.user).prefetch_related(
            Prefetch("assignments", queryset=ConclusionTask.objects.select_related("task__lead_unit"))
        ).order_by("pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["task_states"] = _LazyStates(self)
        return context

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        conclusion = services.record_conclusion(actor=self.request.user, **d)
        serializer.instance = self.get_queryset().get(pk=conclusion.pk)

    def _answer(self, pk, code=status.HTTP_200_OK):
        return Response(ConclusionSerializer(self.get_queryset().get(pk=pk),
                                             context=self.get_serializer_context()).data, status=code)

    def partial_update(self, request, *args, **kwargs):
        conclusion = self.get_object()
        data = ConclusionUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.record_conclusion(actor=request.user, meeting=conclusion.item.meeting, item=conclusion.item,
                                   expected_version=fields.pop("version"), **fields)
        return self._answer(conclusion.pk)

    @extend_schema(request=AssignmentSerializer, responses={201: ConclusionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Assign a task from this conclusion (the conclusion is its source)."""
        conclusion = self.get_object()
        data = AssignmentSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        services.assign_from_conclusion(actor=request.user, conclusion=conclusion, **data.validated_data)
        return self._answer(conclusion.pk, status.HTTP_201_CREATED)


class _LazyStates(dict):
    """Task states for the conclusions being serialized, read in one query on first use."""

    def __init__(self, view):
        super().__init__()
        self.view, self.loaded = view, False

    def get(self, key, default=None):
        if not self.loaded:
            ids = ConclusionTask.objects.filter(conclusion__in=self.view.get_queryset()).values_list("task_id",
                                                                                                     flat=True)
            self.update(task_states(ids, as_of_from(self.view.request)))
            self.loaded = True
        return super().get(key, default)


@extend_schema_view(create=extend_schema(responses={201: ConferenceSerializer, **ERRORS}))
class ConferenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        viewsets.GenericViewSet):
    """Conferences organized in your subtree or with a connection point in it. Creating one with
    a due date creates one tracked submission per connection point."""

    serializer_class = ConferenceSerializer
    filterset_fields = ["organizer"]

    def get_queryset(self):
        return visible_conferences(self.request.user).select_related("organizer").prefetch_related(
            "documents", "points__unit")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        points = [(p["unit"], p.get("attendees", 0)) for p in d.pop("points", [])]
        conference = services.create_conference(actor=self.request.user, documents=d.pop("documents", []),
                                                points=points, **d)
        serializer.instance = self.get_queryset().get(pk=conference.pk)

    @extend_schema(request=None, responses={200: SubmissionSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        """Remind every unit that has not submitted (once a day per unit)."""
        conference = self.get_object()
        services.send_submission_reminders(conference, actor=request.user)
        rows = visible_submissions(request.user).filter(conference=conference).select_related("unit", "document")
        return Response(SubmissionSerializer(rows, many=True, context={"as_of": as_of_from(request)}).data)


@extend_schema_view(list=extend_schema(parameters=[AS_OF_PARAMETER]),
                    retrieve=extend_schema(parameters=[AS_OF_PARAMETER]))
class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Each unit's action programme due after a conference: on time, late, missing, not yet due."""

    serializer_class = SubmissionSerializer
    filterset_fields = ["conference", "unit"]

    def get_queryset(self):
        return visible_submissions(self.request.user).select_related("unit", "document").order_by("conference", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": as_of_from(self.request)}

    @extend_schema(request=SubmitSerializer, responses={200: SubmissionSerializer, **ERRORS})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def submit(self, request, pk=None):
        """The unit submits its programme or plan (recorded as a directive document)."""
        submission = self.get_object()
        data = SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.submit_programme(submission, actor=request.user, expected_version=fields.pop("version", None),
                                  **fields)
        return Response(SubmissionSerializer(self.get_queryset().get(pk=submission.pk),
                                             context=self.get_serializer_context()).data)
