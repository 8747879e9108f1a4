"""Read-only views of documents and their relations for superusers. Recording and changing a
document goes through the pages and the API, whose services parse the number, refuse
duplicates and check the version; the admin only shows the records and their history."""

from django.contrib import admin

from mandate.orgs.admin import ReadOnlyAdmin

from .models import DirectiveDocument, DocumentRelation


@admin.register(DirectiveDocument)
class DirectiveDocumentAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "kind", "issuing_unit", "issued_on", "state"]
    list_filter = ["kind", "state", "year"]
    list_select_related = ["issuing_unit"]
    search_fields = ["number", "number_key", "title"]


@admin.register(DocumentRelation)
class DocumentRelationAdmin(ReadOnlyAdmin):
    list_display = ["source", "kind", "target", "note"]
    list_filter = ["kind"]
    list_select_related = ["source", "target"]
