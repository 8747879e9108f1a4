"""Tasks over the API, with the same rules as the pages (``services`` decides):

- read: tasks whose lead, assigning or a coordinating unit is in your subtree (404 otherwise);
- assign, change, decide requests for more time: approver of the assigning unit;
- report progress (with evidence files), mark done: reporter of the lead or a coordinating
  unit; ask for more time: reporter of the lead unit.

Every write carries the ``version`` it is based on; a stale one is answered 409.
"""

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from mandate.core.api import AS_OF_PARAMETER, ErrorSerializer, as_of_from

from . import queries, services
from .filters import TaskFilter
from .models import DeadlineExtension, ProgressReport
from .serializers import (
    ExtensionDecisionInput,
    ExtensionRequestInput,
    ExtensionSerializer,
    ProgressReportCreated,
    ProgressReportInput,
    ProgressReportSerializer,
    TaskAssignManySerializer,
    TaskCreateSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
)

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


def _documents(user):
    from mandate.documents.api import visible_documents

    return visible_documents(user)


@extend_schema_view(
    list=extend_schema(summary="Tasks you can see, with their state on a day", parameters=[AS_OF_PARAMETER]),
    retrieve=extend_schema(summary="One task", parameters=[AS_OF_PARAMETER],
                           responses={200: TaskSerializer, 404: ErrorSerializer}),
    create=extend_schema(summary="Assign a task to one unit (approver of the assigning unit)",
                         request=TaskCreateSerializer, responses={201: TaskSerializer, **ERRORS}),
    partial_update=extend_schema(summary="Change a task (approver of the assigning unit; send the version)",
                                 request=TaskUpdateSerializer, responses={200: TaskSerializer, **ERRORS}),
)
class TaskViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = TaskFilter
    serializer_class = TaskSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        as_of = as_of_from(self.request)
        if self.action == "list":
            qs = queries.list_queryset(services.visible_tasks(self.request.user), as_of)
        elif self.action == "reports" and self.request.method == "POST":
            # Reporting locks and reads the task itself; its state as of a day is not needed.
            return services.visible_tasks(self.request.user)
        else:
            # A task assigned after ``as_of`` is still reachable by its id.
            qs = services.visible_tasks(self.request.user).with_state(as_of).select_related(
                "lead_unit", "assigning_unit", "source_document")
        return qs.prefetch_related("coordinating_units").order_by("deadline", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "documents": _documents(self.request.user)}

    def _out(self, task, status_code=status.HTTP_200_OK):
        task = self.get_queryset().get(pk=task.pk)
        return Response(TaskSerializer(task, context=self.get_serializer_context()).data, status=status_code)

    def create(self, request, *args, **kwargs):
        data = TaskCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        task = services.assign_task(actor=request.user, **data.validated_data)
        return self._out(task, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        task = self.get_object()
        data = TaskUpdateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        coordinating = fields.pop("coordinating_units", None)
        task = services.update_task(task, actor=request.user, expected_version=version,
                                    coordinating_units=coordinating, **fields)
        return self._out(task)

    @extend_schema(summary="Assign the same task to many units in one step (one task each, one batch)",
                   request=TaskAssignManySerializer, responses={201: TaskSerializer(many=True), **ERRORS})
    @action(detail=False, methods=["post"], url_path="assign-many", filterset_class=None, pagination_class=None)
    def assign_many(self, request):
        data = TaskAssignManySerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        leads = list(fields.pop("lead_units"))
        parent, kinds = fields.pop("parent"), fields.pop("kinds")
        if parent and kinds:
            services.check_units_visible(request.user, [parent], "parent")
            leads += list(services.units_under(parent, kinds, fields.get("assigned_on") or as_of_from(request)))
        tasks = services.assign_to_many(actor=request.user, lead_units=leads, **fields)
        qs = self.get_queryset().filter(pk__in=[t.pk for t in tasks])
        return Response(TaskSerializer(qs, many=True, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="Progress reports on the task, newest first",
                   responses={200: ProgressReportSerializer(many=True), 404: ErrorSerializer})
    @extend_schema(
        methods=["POST"],
        summary="Report progress (reporter of the lead or a coordinating unit; send the task's version)",
        description="JSON, or multipart with repeated ``files`` parts for evidence. Two people reporting at "
                    "once: the second, based on the version the first one changed, is refused with 409.",
        request={"application/json": ProgressReportInput, "multipart/form-data": ProgressReportInput},
        responses={201: ProgressReportCreated, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def reports(self, request, pk=None):
        task = self.get_object()
        if request.method == "GET":
            reports = (task.reports.select_related("org_unit", "reported_by").prefetch_related("evidence")
                       .order_by("-reported_on", "-pk"))
            return Response(ProgressReportSerializer(reports, many=True).data)
        data = ProgressReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        report = services.report_progress(task, actor=request.user, expected_version=version, **fields)
        # The report holds its unit, its reporter and the task as saved (with its new version);
        # only the evidence files are read back.
        prefetch_related_objects([report], "evidence")
        return Response({"report": ProgressReportSerializer(report).data, "task_version": report.task.version},
                        status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="Requests for more time on the task",
                   responses={200: ExtensionSerializer(many=True), 404: ErrorSerializer})
    @extend_schema(methods=["POST"], summary="Ask for a later deadline (reporter of the lead unit)",
                   request=ExtensionRequestInput, responses={201: ExtensionSerializer, **ERRORS})
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def extensions(self, request, pk=None):
        task = self.get_object()
        if request.method == "GET":
            items = task.extensions.select_related("requested_by", "decided_by").order_by("-created_at", "-pk")
            return Response(ExtensionSerializer(items, many=True).data)
        data = ExtensionRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        extension = services.request_extension(task, actor=request.user, expected_version=fields.pop("version"),
                                               **fields)
        return Response(ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Progress reports on the tasks you can see"),
    retrieve=extend_schema(summary="One progress report", responses={200: ProgressReportSerializer,
                                                                      404: ErrorSerializer}),
)
class ProgressReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgressReportSerializer
    filterset_fields = ["task", "org_unit"]

    def get_queryset(self):
        return (
            ProgressReport.objects.filter(task__in=services.visible_tasks(self.request.user).values("pk"))
            .select_related("org_unit", "reported_by").prefetch_related("evidence").order_by("-pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Requests for more time on the tasks you can see"),
    retrieve=extend_schema(summary="One request for more time",
                           responses={200: ExtensionSerializer, 404: ErrorSerializer}),
)
class ExtensionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExtensionSerializer
    filterset_fields = ["task", "state"]

    def get_queryset(self):
        return (
            DeadlineExtension.objects.filter(task__in=services.visible_tasks(self.request.user).values("pk"))
            .select_related("requested_by", "decided_by").order_by("-created_at", "-pk")
        )

    @extend_schema(summary="Grant or refuse (approver of the assigning unit; send the request's version)",
                   request=ExtensionDecisionInput, responses={200: ExtensionSerializer, **ERRORS})
    @action(detail=True, methods=["post"], filterset_fields=None)
    def decide(self, request, pk=None):
        extension = get_object_or_404(self.get_queryset(), pk=pk)
        data = ExtensionDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        extension = services.decide_extension(
            extension, actor=request.user, expected_version=data.validated_data["version"],
            grant=data.validated_data["decision"] == "grant", comment=data.validated_data["comment"],
        )
        return Response(ExtensionSerializer(extension).data)
