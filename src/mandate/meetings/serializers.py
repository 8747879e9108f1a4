"""Serializers of the meetings API. Querysets of related fields come from ``queries`` so a
client can only name what it may see."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mandate.accounts.access import visible_units
from mandate.core.api import version_field
from mandate.orgs.models import OrgUnit

from .models import (
    AgendaItem,
    Body,
    BodyMember,
    Comment,
    Conclusion,
    Conference,
    ConnectionPoint,
    DraftVersion,
    ItemKind,
    Meeting,
    Outcome,
    Submission,
)
from .queries import rows_path_for, visible_bodies, visible_items, visible_meetings, visible_versions


def _restrict(serializer, **querysets):
    request = serializer.context.get("request")
    if request is None:
        return
    for name, make in querysets.items():
        if name in serializer.fields:
            field = serializer.fields[name]
            target = getattr(field, "child_relation", field)
            target.queryset = make(request.user)


class BodyMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = BodyMember
        fields = ["id", "position", "is_voting", "is_clerk"]


class BodySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.display_name", read_only=True)
    members = BodyMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Body
        fields = ["id", "unit", "unit_name", "term", "quorum_percent", "members", "is_demo", "version"]


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.PrimaryKeyRelatedField(queryset=Body.objects.none())
    body_name = serializers.CharField(source="body.unit.display_name", read_only=True)
    chair = serializers.PrimaryKeyRelatedField(queryset=BodyMember.objects.all(), required=False, allow_null=True)
    chair_position = serializers.CharField(source="chair.position", read_only=True, default=None)
    notice_number = serializers.CharField(source="notice.number", read_only=True, default=None)
    term = serializers.CharField(max_length=20, required=False, allow_blank=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "body_name", "term", "number", "held_on", "place", "chair", "chair_position",
                  "guests", "notice", "notice_number", "is_demo", "version"]
        read_only_fields = ["id", "notice", "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, body=visible_bodies)


class MeetingUpdateSerializer(serializers.Serializer):
    version = version_field()
    number = serializers.IntegerField(min_value=1, required=False)
    held_on = serializers.DateField(required=False)
    place = serializers.CharField(max_length=300, required=False)
    guests = serializers.CharField(required=False, allow_blank=True)


class AgendaItemSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none())
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    presenting_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False,
                                                         allow_null=True)
    proposed_issuer = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False,
                                                         allow_null=True)
    presenting_unit_name = serializers.CharField(source="presenting_unit.display_name", read_only=True, default=None)
    outcome = serializers.CharField(source="conclusion.outcome", read_only=True, default=None)

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "order", "title", "kind", "confidential", "presenting_unit",
                  "presenting_unit_name", "proposed_issuer", "related_documents", "summary", "resubmission_of",
                  "times_resubmitted", "issued_document", "outcome", "is_demo", "version"]
        read_only_fields = ["id", "order", "confidential", "resubmission_of", "times_resubmitted", "issued_document",
                            "is_demo", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from mandate.documents.api import visible_documents

        _restrict(self, meeting=visible_meetings, presenting_unit=visible_units, proposed_issuer=visible_units,
                  related_documents=visible_documents)


class AgendaItemUpdateSerializer(serializers.Serializer):
    version = version_field()
    order = serializers.IntegerField(min_value=1, required=False)
    title = serializers.CharField(max_length=500, required=False)
    kind = serializers.ChoiceField(choices=ItemKind.choices, required=False)
    summary = serializers.CharField(required=False, allow_blank=True)
    presenting_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False,
                                                         allow_null=True)
    proposed_issuer = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False,
                                                         allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, presenting_unit=visible_units, proposed_issuer=visible_units)


class DraftVersionSerializer(serializers.ModelSerializer):
    item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.none())
    file = serializers.FileField(write_only=True, help_text="A .docx or .pdf file.")

    class Meta:
        model = DraftVersion
        fields = ["id", "item", "number", "original_name", "size", "note", "created_at", "file"]
        read_only_fields = ["id", "number", "original_name", "size", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, item=visible_items)


class CommentSerializer(serializers.ModelSerializer):
    item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.none())
    version = serializers.PrimaryKeyRelatedField(queryset=DraftVersion.objects.none(), required=False,
                                                 allow_null=True)
    member = serializers.PrimaryKeyRelatedField(queryset=BodyMember.objects.all(), required=False, allow_null=True,
                                                help_text="Clerk only: the member who said it at the meeting.")
    member_position = serializers.CharField(source="member.position", read_only=True, default=None)

    class Meta:
        model = Comment
        fields = ["id", "item", "version", "member", "member_position", "kind", "text", "created_at"]
        read_only_fields = ["id", "kind", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, item=visible_items, version=visible_versions)


class TaskRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    lead_unit_name = serializers.CharField()
    deadline = serializers.DateField()
    state = serializers.CharField(help_text="The task's computed state as of ``as_of``.")


class ConclusionSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none(), write_only=True,
                                                 help_text="The meeting the conclusion is made at.")
    item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.none())
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    new_issuer = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), required=False, allow_null=True)
    resubmit_to = serializers.PrimaryKeyRelatedField(queryset=Body.objects.none(), required=False, allow_null=True)
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = Conclusion
        fields = ["id", "meeting", "item", "outcome", "text", "new_issuer", "resubmit_to", "resubmit_by",
                  "resubmit_next_meeting", "tasks", "version"]
        read_only_fields = ["id", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, meeting=visible_meetings, item=visible_items, new_issuer=lambda u: OrgUnit.objects.all(),
                  resubmit_to=visible_bodies)

    @extend_schema_field(TaskRowSerializer(many=True))
    def get_tasks(self, obj):
        states = self.context.get("task_states", {})
        return TaskRowSerializer([
            {"id": a.task_id, "title": a.task.title, "lead_unit_name": a.task.lead_unit.display_name,
             "deadline": a.task.deadline, "state": states.get(a.task_id)} for a in obj.assignments.all()],
            many=True).data


class ConclusionUpdateSerializer(serializers.Serializer):
    version = version_field()
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    text = serializers.CharField()
    new_issuer = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    resubmit_to = serializers.PrimaryKeyRelatedField(queryset=Body.objects.all(), required=False, allow_null=True)
    resubmit_by = serializers.DateField(required=False, allow_null=True)
    resubmit_next_meeting = serializers.BooleanField(required=False, default=False)


class AssignmentSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    lead_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    coordinating_units = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), many=True,
                                                            required=False)
    deadline = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, lead_unit=visible_units, coordinating_units=visible_units)


class ConnectionPointSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    unit_name = serializers.CharField(source="unit.display_name", read_only=True)

    class Meta:
        model = ConnectionPoint
        fields = ["unit", "unit_name", "attendees"]


class ConferenceSerializer(serializers.ModelSerializer):
    organizer = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    organizer_name = serializers.CharField(source="organizer.display_name", read_only=True)
    # Every connection point for the organizer's side; a participant's own subtree's only.
    points = ConnectionPointSerializer(many=True, required=False)

    class Meta:
        model = Conference
        fields = ["id", "title", "organizer", "organizer_name", "held_on", "main_hall", "hybrid",
                  "main_hall_attendees", "documents", "duty", "due_on", "basis_document", "points", "is_demo",
                  "version"]
        read_only_fields = ["id", "is_demo", "version"]

    def to_representation(self, instance):
        """The points the user sees (``queries.rows_path_for``, the rule of the page)."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None:
            within = rows_path_for(request.user, instance)
            if within is not None:
                seen = {p.unit_id for p in instance.points.all() if p.unit.path.startswith(within)}
                data["points"] = [p for p in data["points"] if p["unit"] in seen]
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from mandate.documents.api import visible_documents

        _restrict(self, organizer=visible_units, documents=visible_documents, basis_document=visible_documents)


class SubmissionSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.display_name", read_only=True)
    document_number = serializers.CharField(source="document.number", read_only=True, default=None)
    state = serializers.SerializerMethodField(help_text="on_time, late, missing or waiting, as of ``as_of``.")

    class Meta:
        model = Submission
        fields = ["id", "conference", "unit", "unit_name", "due_on", "task", "document", "document_number",
                  "submitted_on", "state", "version"]
        read_only_fields = fields

    def get_state(self, obj) -> str:
        import datetime

        from .queries import submission_state

        return submission_state(obj, self.context.get("as_of") or datetime.date.today())


class SubmitSerializer(serializers.Serializer):
    version = version_field(required=False)
    number = serializers.CharField(max_length=60, help_text="e.g. 05-CTr/ĐU or 12-KH/UBND")
    title = serializers.CharField(max_length=500)
    issued_on = serializers.DateField()
    file = serializers.FileField(required=False, help_text="A .docx or .pdf file.")


class NoticeSerializer(serializers.Serializer):
    version = version_field()
    number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="",
                                   help_text="Empty: the next number in sequence for the issuer and year.")
    issued_on = serializers.DateField(required=False, allow_null=True)
    recipients = serializers.CharField(required=False, allow_blank=True, default="")
    include_confidential = serializers.BooleanField(required=False, default=False)
