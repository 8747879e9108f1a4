"""Targets and reported values over the API, through the same services as the pages.

Targets: those set for a unit in the caller's subtree, each with its status and actual
figure as of ``?as_of`` (a constant number of queries per page, ``evaluation.evaluate_targets``).
Reported values: those of units in the caller's subtree; entering, changing, submitting,
approving and returning go through ``targets.services``, which check the role and the version.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mandate.accounts.access import has_role_on, require_role_on, root_unit_of, visible_units
from mandate.accounts.models import Role
from mandate.core.api import AS_OF_PARAMETER, ErrorSerializer, as_of_from, require_version
from mandate.core.pagination import KeysetPagination
from mandate.documents.api import visible_documents

from . import services
from .evaluation import evaluate_targets
from .filters import ReportedValueFilter, TargetFilter
from .models import ReportedValue, Target
from .serializers import (
    AllocationSerializer,
    AllocationWriteSerializer,
    ReportedValueBatchResultSerializer,
    ReportedValueBatchSerializer,
    ReportedValueCreateSerializer,
    ReportedValueSerializer,
    ReportedValueUpdateSerializer,
    TargetSerializer,
    TargetUpdateSerializer,
    TargetWriteSerializer,
    ValueDecisionSerializer,
    ValueVersionSerializer,
)

WRITE_ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


def visible_targets(user):
    """Targets set for a unit in the user's subtree."""
    if user.is_superuser:
        return Target.objects.all()
    root = root_unit_of(user)
    if root is None:
        return Target.objects.none()
    return Target.objects.filter(org_unit__in=visible_units(user))


def reportable_targets(user):
    """Targets a unit of the user's subtree may report against: its own, those below it and
    those of the units above it (a commune reports its share of the city's target)."""
    if user.is_superuser:
        return Target.objects.all()
    root = root_unit_of(user)
    if root is None:
        return Target.objects.none()
    # Units above the user's unit, or above a unit merged into it (Hoang Dong, merged into
    # Ky Lua ward, still reports its share of the former city's targets for past periods).
    above = Exists(visible_units(user).filter(path__startswith=OuterRef("org_unit__path")))
    return Target.objects.filter(Q(org_unit__in=visible_units(user)) | above)


def visible_values(user):
    """Values reported by units in the user's subtree."""
    values = ReportedValue.objects.all()
    if user.is_superuser:
        return values
    root = root_unit_of(user)
    if root is None:
        return values.none()
    return values.filter(org_unit__in=visible_units(user))


class ChoiceQuerysets:
    """The querysets that bound what a caller may name in a request, each built when a
    serializer first asks for it (a value write needs two of the four)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def visible_units(self):
        return visible_units(self.user)

    @cached_property
    def visible_documents(self):
        return visible_documents(self.user)

    @cached_property
    def visible_targets(self):
        return visible_targets(self.user)

    @cached_property
    def reportable_targets(self):
        # With the unit: validating a report reads the target's unit at once.
        return reportable_targets(self.user).select_related("org_unit")


class _Choices:
    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not hasattr(self, "_choices"):  # one per request: a write validates, then answers
            self._choices = ChoiceQuerysets(self.request.user)
        context["choices"] = self._choices
        return context


@extend_schema_view(
    list=extend_schema(summary="Targets of your subtree with status and actual figure",
                       parameters=[AS_OF_PARAMETER]),
    retrieve=extend_schema(summary="One target with status and actual figure", parameters=[AS_OF_PARAMETER],
                           responses={200: TargetSerializer, 404: ErrorSerializer}),
    create=extend_schema(summary="Set a target (approver of its unit)", request=TargetWriteSerializer,
                         responses={201: TargetSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(summary="Change a target (send the version you read)",
                                 request=TargetUpdateSerializer, responses={200: TargetSerializer, **WRITE_ERRORS}),
)
class TargetViewSet(_Choices, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = TargetFilter
    serializer_class = TargetSerializer

    def get_queryset(self):
        return visible_targets(self.request.user).select_related("document", "org_unit")

    def get_serializer_class(self):
        if self.action == "create":
            return TargetWriteSerializer
        if self.action == "partial_update":
            return TargetUpdateSerializer
        if self.action == "allocations":
            return AllocationWriteSerializer if self.request.method in ("POST", "PUT") else AllocationSerializer
        return TargetSerializer

    def evaluated(self, targets) -> list:
        """Serialize ``targets`` with their figures: two rollup queries for all of them."""
        day = as_of_from(self.request)
        user = self.request.user
        rows = {row.target.pk: row for row in evaluate_targets(targets, day)}
        context = {**self.get_serializer_context(), "rows": rows, "as_of": day,
                   "may_edit": lambda unit: has_role_on(user, unit, Role.APPROVER)}
        return TargetSerializer(targets, many=True, context=context).data

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self.evaluated(page))
        return Response(self.evaluated(list(queryset)))

    def retrieve(self, request, *args, **kwargs):
        return Response(self.evaluated([self.get_object()])[0])

    def _reloaded(self, target, status_code=status.HTTP_200_OK):
        return Response(self.evaluated([self.get_queryset().get(pk=target.pk)])[0], status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = services.create_target(actor=request.user, **serializer.validated_data)
        return self._reloaded(target, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        require_version(request)
        target = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        version = fields.pop("version")
        if "org_unit" in fields and fields["org_unit"] != target.org_unit:
            require_role_on(request.user, fields["org_unit"], Role.APPROVER)
        target = services.update_target(target, actor=request.user, expected_version=version, **fields)
        return self._reloaded(target)

    @extend_schema(methods=["GET"], summary="How a target is broken down to the units below its unit",
                   request=None, responses={200: AllocationSerializer(many=True), 404: ErrorSerializer})
    @extend_schema(methods=["POST", "PUT"],
                   summary="Set one unit's share of a target (approver of the target's unit); "
                           "an existing share of that unit is replaced",
                   request=AllocationWriteSerializer, responses={200: AllocationSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post", "put"], filterset_class=None, pagination_class=None)
    def allocations(self, request, pk=None):
        target = self.get_object()
        if request.method == "GET":
            allocations = target.allocations.select_related("org_unit").order_by("org_unit__path")
            return Response(AllocationSerializer(allocations, many=True).data)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        allocation = services.set_allocation(actor=request.user, target=target, **serializer.validated_data)
        return Response(AllocationSerializer(allocation).data)


@extend_schema_view(
    list=extend_schema(summary="Values reported by units of your subtree, latest period first",
                       description="Paged by keyset cursor (follow `next`), without a total count: "
                                   "the national table holds tens of millions of values."),
    retrieve=extend_schema(summary="One reported value", responses={200: ReportedValueSerializer, 404: ErrorSerializer}),
    create=extend_schema(summary="Enter a value for a unit and period (reporter); submit at once with submit=true",
                         request=ReportedValueCreateSerializer,
                         responses={201: ReportedValueSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(summary="Change a draft or returned value (send the version you read)",
                                 request=ReportedValueUpdateSerializer,
                                 responses={200: ReportedValueSerializer, **WRITE_ERRORS}),
)
class ReportedValueViewSet(_Choices, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = ReportedValueFilter
    serializer_class = ReportedValueSerializer
    pagination_class = KeysetPagination
    # Backed by the indexes (period_end, id), (org_unit, period_end, id), (target, period_end, id)
    # and (state, period_end, id): see docs/performance.md.
    keyset_ordering = ("-period_end", "-id")

    def get_queryset(self):
        return visible_values(self.request.user).select_related(
            "target", "org_unit", "created_by", "submitted_by", "decided_by"
        )

    def get_serializer_class(self):
        return {
            "create": ReportedValueCreateSerializer,
            "batch": ReportedValueBatchSerializer,
            "partial_update": ReportedValueUpdateSerializer,
            "submit": ValueVersionSerializer,
            "approve": ValueDecisionSerializer,
            "return_value": ValueDecisionSerializer,
        }.get(self.action, ReportedValueSerializer)

    def _answer(self, value, status_code=status.HTTP_200_OK, reload=True):
        if reload:
            value = self.get_queryset().get(pk=value.pk)
        return Response(ReportedValueSerializer(value, context={"request": self.request}).data, status=status_code)

    def _validated(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def create(self, request, *args, **kwargs):
        value = services.enter_value(actor=request.user, **self._validated(request))
        # A new value holds the objects it was made from (target, unit, reporter): no reload.
        return self._answer(value, status.HTTP_201_CREATED, reload=False)

    def partial_update(self, request, *args, **kwargs):
        value = self.get_object()
        data = self._validated(request)
        value = services.update_value(value, actor=request.user, expected_version=data.pop("version"), **data)
        return self._answer(value)

    @extend_schema(
        summary="Enter many values of one unit and period at once (reporter), as the entry grid does",
        description="The grid's rules apply to each value (assignment, parts within their whole, a note "
                    "when a submitted value is far from last period's). Values that pass are saved, "
                    "each on its own, even when others are refused: the answer lists both, with 200 "
                    "when all were saved and 400 when some were refused. To change a value already "
                    "entered, send its version; at most 1,000 values per call.",
        request=ReportedValueBatchSerializer,
        responses={200: ReportedValueBatchResultSerializer,
                   400: PolymorphicProxySerializer(
                       component_name="ReportedValueBatchRefusal", resource_type_field_name=None,
                       serializers=[ReportedValueBatchResultSerializer, ErrorSerializer]),
                   403: ErrorSerializer})
    @action(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def batch(self, request):
        from mandate.reporting.services import save_batch

        data = self._validated(request)
        entries = {e["target"]: e for e in data["values"]}
        result = save_batch(actor=request.user, unit=data["org_unit"], p=data["period"], entries=entries,
                            submit=data["submit"])
        # One read for the answer: saved values with their people, in the order sent.
        saved = self.get_queryset().in_bulk([rv.pk for rv in result.saved])
        order = {pk: i for i, pk in enumerate(entries)}
        values = sorted(saved.values(), key=lambda rv: order.get(rv.target_id, 0))
        body = {
            "detail": (_("All %(count)s values saved.") % {"count": len(values)} if result.ok else
                       _("%(ok)s values saved; %(failed)s need attention.")
                       % {"ok": len(values), "failed": len(result.failed)}),
            "saved": values,
            "errors": [{"target": pk, "messages": m} for pk, m in result.failed.items()],
            "warnings": [{"target": pk, "messages": m} for pk, m in result.warnings.items()],
        }
        return Response(ReportedValueBatchResultSerializer(body, context={"request": request}).data,
                        status=status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST)

    @extend_schema(summary="Submit a draft or returned value to the approver", request=ValueVersionSerializer,
                   responses={200: ReportedValueSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request, pk=None):
        value = self.get_object()
        data = self._validated(request)
        value = services.submit_value(value, actor=request.user, expected_version=data["version"])
        return self._answer(value)

    @extend_schema(summary="Approve a submitted value (approver of the reporting unit)", request=ValueDecisionSerializer,
                   responses={200: ReportedValueSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"], filterset_class=None)
    def approve(self, request, pk=None):
        value = self.get_object()
        data = self._validated(request)
        value = services.approve_value(value, actor=request.user, expected_version=data["version"],
                                       comment=data["comment"])
        return self._answer(value)

    @extend_schema(summary="Return a submitted value to the reporter, saying what to correct",
                   request=ValueDecisionSerializer, responses={200: ReportedValueSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"], url_path="return", url_name="return", filterset_class=None)
    def return_value(self, request, pk=None):
        value = self.get_object()
        data = self._validated(request)
        value = services.return_value(value, actor=request.user, expected_version=data["version"],
                                      comment=data["comment"])
        return self._answer(value)
