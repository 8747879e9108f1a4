"""Directive documents over the API. Reads: the documents a user's units issued, those issued
above them (which they carry out) and central documents. Writes: an approver or administrator
of the issuing unit; a document with no issuing unit (central) only by an administrator."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from mandate.accounts.access import has_role_on, membership_of, require_role_on, root_unit_of
from mandate.accounts.models import Role
from mandate.core.api import ErrorSerializer, require_version
from mandate.core.files import serve_file
from mandate.orgs.models import OrgUnit

from . import services
from .filters import DocumentFilter
from .models import DirectiveDocument, DocumentRelation
from .serializers import (
    DocumentDetailSerializer,
    DocumentSerializer,
    DocumentUpdateSerializer,
    DocumentWriteSerializer,
    RelationCreateSerializer,
    RelationOutSerializer,
    RelationSerializer,
    SignedFileUploadSerializer,
    VersionQuerySerializer,
)


def visible_documents(user):
    """Documents issued in the user's subtree, by a unit above it, or centrally (no issuing unit)."""
    documents = DirectiveDocument.objects.all()
    if user.is_superuser:
        return documents
    root = root_unit_of(user)
    if root is None:
        return documents.none()
    return documents.filter(
        Q(issuing_unit__isnull=True)
        | Q(issuing_unit__path__startswith=root.path)
        | Q(issuing_unit__in=OrgUnit.objects.ancestors_of(root, include_self=False))
    )


def may_write_documents_of(user, issuing_unit: OrgUnit | None) -> bool:
    if issuing_unit is None:
        membership = membership_of(user)
        return user.is_superuser or bool(membership and membership.has_role(Role.ADMINISTRATOR))
    return has_role_on(user, issuing_unit, Role.APPROVER)


def require_document_writer(user, issuing_unit: OrgUnit | None) -> None:
    if issuing_unit is None:
        if not may_write_documents_of(user, None):
            raise PermissionDenied(_("Only an administrator can record a document without an issuing unit."))
        return
    require_role_on(user, issuing_unit, Role.APPROVER)


@extend_schema_view(
    list=extend_schema(summary="Documents you can see"),
    retrieve=extend_schema(summary="One document with its relations in both directions",
                           responses={200: DocumentDetailSerializer, 404: ErrorSerializer}),
    create=extend_schema(summary="Record a document (approver of the issuing unit)",
                         request=DocumentWriteSerializer,
                         responses={201: DocumentDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer}),
    destroy=extend_schema(summary="Delete a document recorded by mistake (send the version you read)",
                          parameters=[OpenApiParameter("version", int, OpenApiParameter.QUERY, required=True,
                                                       description="The version of the document as last read.")],
                          responses={204: None, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer,
                                     409: ErrorSerializer}),
    partial_update=extend_schema(summary="Change a document (send the version you read)",
                                 request=DocumentUpdateSerializer,
                                 responses={200: DocumentDetailSerializer, 400: ErrorSerializer,
                                            403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}),
)
class DocumentViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = DocumentFilter
    serializer_class = DocumentSerializer

    def get_queryset(self):
        documents = visible_documents(self.request.user).select_related("issuing_unit")
        if self.action in ("retrieve", "partial_update", "relations", "file"):
            documents = documents.prefetch_related(
                Prefetch("relations_out", queryset=DocumentRelation.objects.select_related("target")),
                Prefetch("relations_in", queryset=DocumentRelation.objects.select_related("source")),
            )
        return documents

    def get_serializer_class(self):
        return {
            "retrieve": DocumentDetailSerializer,
            "create": DocumentWriteSerializer,
            "partial_update": DocumentUpdateSerializer,
            "relations": RelationCreateSerializer,
        }.get(self.action, DocumentSerializer)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        context["may_write"] = lambda unit: may_write_documents_of(user, unit)
        if self.action == "relations":
            context["visible_documents"] = visible_documents(user)
        return context

    def _detail(self, document, status_code=status.HTTP_200_OK):
        document = self.get_queryset().get(pk=document.pk)
        related = {r.target_id for r in document.relations_out.all()} | {r.source_id for r in document.relations_in.all()}
        context = {**self.get_serializer_context(),
                   "visible_related_ids": set(visible_documents(self.request.user)
                                              .filter(pk__in=related).values_list("pk", flat=True))}
        return Response(DocumentDetailSerializer(document, context=context).data, status=status_code)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        require_document_writer(request.user, data.get("issuing_unit"))
        document = services.create_document(**data)
        return self._detail(document, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        require_version(request)
        document = self.get_object()
        require_document_writer(request.user, document.issuing_unit)
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        version = fields.pop("version")
        if "issuing_unit" in fields and fields["issuing_unit"] != document.issuing_unit:
            require_document_writer(request.user, fields["issuing_unit"])
        document = services.update_document(document, expected_version=version, **fields)
        return self._detail(document)

    def destroy(self, request, *args, **kwargs):
        document = self.get_object()
        require_document_writer(request.user, document.issuing_unit)
        version = VersionQuerySerializer(data=request.query_params)
        version.is_valid(raise_exception=True)
        services.delete_document(document, expected_version=version.validated_data["version"])
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["GET"], summary="Relations of a document, in both directions",
        request=None, responses={200: RelationSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"], summary="Relate this document to another one (this document <kind> target)",
        request=RelationCreateSerializer,
        responses={201: RelationOutSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def relations(self, request, pk=None):
        document = self.get_object()
        if request.method == "GET":
            return Response(self._detail(document).data["relations"])
        require_document_writer(request.user, document.issuing_unit)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        relation = services.relate_documents(source=document, **serializer.validated_data)
        return Response(RelationOutSerializer(relation).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="Download the signed copy of a document",
                   responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ErrorSerializer})
    @extend_schema(methods=["POST"], summary="Attach or replace the signed copy (PDF or Word, at most 20 MB)",
                   request={"multipart/form-data": SignedFileUploadSerializer},
                   responses={200: DocumentDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                              404: ErrorSerializer, 409: ErrorSerializer})
    @action(detail=True, methods=["get", "post"], url_path="file", filterset_class=None, pagination_class=None,
            parser_classes=[MultiPartParser, FormParser])
    def file(self, request, pk=None):
        document = self.get_object()
        if request.method == "GET":
            return serve_file(document.signed_file, document.signed_file_name)
        require_document_writer(request.user, document.issuing_unit)
        data = SignedFileUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.update_document(document, expected_version=data.validated_data["version"],
                                            signed_file=data.validated_data["file"])
        return self._detail(document)
