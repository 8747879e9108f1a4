from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from mandate.documents.models import DirectiveDocument
from mandate.orgs.models import OrgUnit, UnitKind

from .models import DeadlineExtension, Evidence, Priority, ProgressReport, State, Task


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(help_text="Download through the page (same visibility rules).")

    class Meta:
        model = Evidence
        fields = ["id", "original_name", "size", "uploaded_at", "download_url"]

    def get_download_url(self, obj) -> str:
        return reverse("tasks:evidence", args=[obj.pk])


class ProgressReportSerializer(serializers.ModelSerializer):
    org_unit_name = serializers.CharField(source="org_unit.display_name", read_only=True)
    reported_by = serializers.CharField(source="reported_by.get_username", read_only=True, default=None, allow_null=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "task", "org_unit", "org_unit_name", "percent", "narrative", "reported_on", "reported_by",
                  "marks_done", "evidence", "created_at"]


class ExtensionSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.get_username", read_only=True, default=None, allow_null=True)
    decided_by = serializers.CharField(source="decided_by.get_username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = DeadlineExtension
        fields = ["id", "task", "reason", "previous_deadline", "proposed_deadline", "state", "requested_by",
                  "created_at", "decided_by", "decided_at", "decision_comment", "version"]


class TaskSerializer(serializers.ModelSerializer):
    lead_unit_name = serializers.CharField(source="lead_unit.display_name", read_only=True)
    assigning_unit_name = serializers.CharField(source="assigning_unit.display_name", read_only=True)
    source_document_number = serializers.CharField(source="source_document.number", read_only=True, default=None)
    state = serializers.ChoiceField(choices=State.choices, read_only=True,
                                    help_text="Computed on the day asked (``as_of``), never typed in.")
    latest_percent = serializers.IntegerField(read_only=True, allow_null=True,
                                              help_text="The lead unit's latest reported percent by ``as_of``.")

    class Meta:
        model = Task
        fields = ["id", "title", "description", "lead_unit", "lead_unit_name", "coordinating_units",
                  "assigning_unit", "assigning_unit_name", "source_document", "source_document_number",
                  "source_note", "expected_result", "priority", "assigned_on", "original_deadline", "deadline",
                  "progress_percent", "latest_percent", "state", "done_at", "result", "batch", "version"]
        read_only_fields = fields


class _TaskFieldsInput(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    coordinating_units = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True,
                                                            required=False, default=list)
    source_document = serializers.PrimaryKeyRelatedField(queryset=DirectiveDocument.objects.none(), required=False,
                                                         allow_null=True, default=None)
    source_note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    deadline = serializers.DateField()
    expected_result = serializers.CharField(required=False, allow_blank=True, default="")
    priority = serializers.ChoiceField(choices=Priority.choices, required=False, default=Priority.NORMAL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        documents = self.context.get("documents")
        if documents is not None:
            self.fields["source_document"].queryset = documents


class TaskCreateSerializer(_TaskFieldsInput):
    lead_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    assigning_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    assigned_on = serializers.DateField(required=False, default=None,
                                        help_text="Default: today. A past day records an older assignment.")


class TaskAssignManySerializer(_TaskFieldsInput):
    assigning_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    assigned_on = serializers.DateField(required=False, default=None)
    lead_units = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, required=False,
                                                    default=list, help_text="Units ticked one by one.")
    parent = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True,
                                                default=None, help_text="…and/or every unit of ``kinds`` under it.")
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=UnitKind.choices), required=False,
                                  default=list)

    def validate(self, data):
        if not data["lead_units"] and not (data["parent"] and data["kinds"]):
            raise serializers.ValidationError(
                {"lead_units": [_("Tick the lead unit(s), or choose a parent unit and the kinds of units under it.")]})
        return data


class TaskUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The task's version as last read; "
                                                              "a change based on an older one is refused with 409.")
    title = serializers.CharField(max_length=500, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    lead_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False)
    coordinating_units = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, required=False)
    source_document = serializers.PrimaryKeyRelatedField(queryset=DirectiveDocument.objects.none(), required=False,
                                                         allow_null=True)
    source_note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    deadline = serializers.DateField(required=False)
    expected_result = serializers.CharField(required=False, allow_blank=True)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        documents = self.context.get("documents")
        if documents is not None:
            self.fields["source_document"].queryset = documents


class ProgressReportInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The task's version the report is based on; "
                                                              "a report on an older version is refused with 409.")
    percent = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True, default=None)
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True,
                                                  default=None, help_text="Default: the lead unit if you report "
                                                                          "for it, else your coordinating unit.")
    reported_on = serializers.DateField(required=False, allow_null=True, default=None)
    mark_done = serializers.BooleanField(required=False, default=False)
    result = serializers.CharField(required=False, allow_blank=True, default="")
    done_on = serializers.DateField(required=False, allow_null=True, default=None)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                  help_text="Evidence (multipart): PDF, DOCX, XLSX, JPG or PNG, at most 10 MB each.")


class ProgressReportCreated(serializers.Serializer):
    report = ProgressReportSerializer()
    task_version = serializers.IntegerField(help_text="The task's new version, for the next report.")


class ExtensionRequestInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The task's version as last read.")
    reason = serializers.CharField()
    proposed_deadline = serializers.DateField()


class ExtensionDecisionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The request's version as last read.")
    decision = serializers.ChoiceField(choices=[("grant", "grant"), ("refuse", "refuse")])
    comment = serializers.CharField(required=False, allow_blank=True, default="",
                                    help_text="Required to refuse.")
