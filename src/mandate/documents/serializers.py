from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mandate.accounts.access import visible_units
from mandate.core.api import version_field
from mandate.core.models import MAX_NOTE_CHARS, date_bounds
from mandate.orgs.models import OrgUnit
from mandate.orgs.serializers import OrgUnitRefSerializer

from .models import DirectiveDocument, DocumentKind, DocumentRelation, DocumentState, RelationKind


class DocumentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = DirectiveDocument
        fields = ["id", "number", "title", "kind", "state", "issued_on"]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    issuing_unit = OrgUnitRefSerializer(read_only=True, allow_null=True)
    can_edit = serializers.SerializerMethodField(help_text="Whether the caller's role allows changing it.")
    signed_file_url = serializers.SerializerMethodField(
        help_text="Where to download the signed copy (same access as the document), or null when none.")

    class Meta:
        model = DirectiveDocument
        fields = ["id", "number", "kind", "kind_code", "issuer_code", "year", "issuing_unit", "issued_on",
                  "title", "summary", "state", "version", "created_at", "updated_at", "can_edit",
                  "signed_file_name", "signed_file_url"]
        read_only_fields = fields

    def get_signed_file_url(self, document) -> str | None:
        if not document.signed_file:
            return None
        return reverse("document-file", args=[document.pk])

    def get_can_edit(self, document) -> bool:
        may_write = self.context.get("may_write")
        return bool(may_write and may_write(document.issuing_unit))


class RelationSerializer(serializers.Serializer):
    """A relation read from this document's side: ``direction`` "out" reads "this document
    <label> <document>", "in" reads "<document> <kind> this document"."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=RelationKind.choices)
    direction = serializers.ChoiceField(choices=[("out", "out"), ("in", "in")])
    label = serializers.CharField(help_text='How it reads from this document, e.g. "implements" or "implemented by".')
    document = DocumentRefSerializer(help_text="The document at the other end.")
    note = serializers.CharField(allow_blank=True)

    @staticmethod
    def rows(document, visible_ids: set[int]) -> list[dict]:
        out = [{"id": r.pk, "kind": r.kind, "direction": "out", "label": r.get_kind_display(), "document": r.target,
                "note": r.note} for r in document.relations_out.all() if r.target_id in visible_ids]
        inc = [{"id": r.pk, "kind": r.kind, "direction": "in", "label": r.inverse_label, "document": r.source,
                "note": r.note} for r in document.relations_in.all() if r.source_id in visible_ids]
        return out + inc


class DocumentDetailSerializer(DocumentSerializer):
    relations = serializers.SerializerMethodField(help_text="Relations in both directions.")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "source_text", "relations"]
        read_only_fields = fields

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, document):
        return RelationSerializer(RelationSerializer.rows(document, self.context["visible_related_ids"]),
                                  many=True).data


class DocumentWriteSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60, help_text="As printed: 150-KH/TU, 129/KH-UBND, 35/2023/UBTVQH15.")
    title = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False, allow_blank=True,
                                   help_text="Left out, it is read from the number's kind code.")
    issuing_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.none(), allow_null=True, required=False,
        help_text="Empty for a central document (administrators only).",
    )
    issued_on = serializers.DateField(required=False, allow_null=True, validators=date_bounds(),
                                      help_text="From 1945-01-01 to 2100-12-31.")
    year = serializers.IntegerField(required=False, allow_null=True, min_value=1900, max_value=2100)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=MAX_NOTE_CHARS)
    state = serializers.ChoiceField(choices=DocumentState.choices, required=False)
    source_text = serializers.CharField(required=False, allow_blank=True, max_length=500_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["issuing_unit"].queryset = visible_units(request.user)


class DocumentUpdateSerializer(DocumentWriteSerializer):
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False


class VersionQuerySerializer(serializers.Serializer):
    version = version_field()


class RelationCreateSerializer(serializers.Serializer):
    """This document <kind> ``target``: e.g. this plan implements resolution 40-NQ/TU."""

    kind = serializers.ChoiceField(choices=RelationKind.choices)
    target = serializers.PrimaryKeyRelatedField(queryset=DirectiveDocument.objects.none(),
                                                help_text="The related document's id.")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "visible_documents" in self.context:
            self.fields["target"].queryset = self.context["visible_documents"]


class RelationOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentRelation
        fields = ["id", "source", "target", "kind", "note"]
        read_only_fields = fields


class SignedFileUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The signed copy: PDF or Word (.docx), at most 20 MB.")
    version = version_field()
