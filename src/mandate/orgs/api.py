"""Org units over the API: the caller's subtree, read; new units by an administrator of the parent."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from mandate.accounts.access import membership_of, require_role_on, visible_units
from mandate.accounts.models import Role
from mandate.accounts.serializers import CurrentUserSerializer
from mandate.core.api import ErrorSerializer

from . import services
from .filters import OrgUnitFilter
from .models import Succession
from .serializers import OrgUnitCreateSerializer, OrgUnitDetailSerializer, OrgUnitSerializer


@extend_schema_view(
    list=extend_schema(summary="Units in your subtree", description="Open and closed units; `valid_on` keeps "
                       "those that existed on a day."),
    retrieve=extend_schema(summary="One unit, with the reorganizations it took part in",
                           responses={200: OrgUnitDetailSerializer, 404: ErrorSerializer}),
    create=extend_schema(summary="Create a unit (administrator of the parent unit)",
                         request=OrgUnitCreateSerializer,
                         responses={201: OrgUnitSerializer, 400: ErrorSerializer, 403: ErrorSerializer}),
)
class OrgUnitViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = OrgUnitFilter
    serializer_class = OrgUnitSerializer

    def get_queryset(self):
        units = visible_units(self.request.user)
        if self.action == "retrieve":
            edges = Succession.objects.select_related("predecessor", "successor")
            units = units.prefetch_related(Prefetch("successions_out", queryset=edges),
                                           Prefetch("successions_in", queryset=edges))
        return units

    def get_serializer_class(self):
        if self.action == "retrieve":
            return OrgUnitDetailSerializer
        if self.action == "create":
            return OrgUnitCreateSerializer
        return OrgUnitSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parent = data["parent"]
        if parent is not None:
            require_role_on(request.user, parent, Role.ADMINISTRATOR)
        elif not request.user.is_superuser:
            raise PermissionDenied(_("Only a superuser can create a unit at the top of the tree."))
        unit = services.create_unit(**data)
        return Response(OrgUnitSerializer(unit, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


class CurrentUserView(APIView):
    """Who the caller is, which unit's subtree they see and their role there."""

    @extend_schema(summary="The caller, their unit and role", responses=CurrentUserSerializer)
    def get(self, request):
        return Response(CurrentUserSerializer.for_user(request.user, membership_of(request.user)).data)
