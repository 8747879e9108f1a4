from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mandate.accounts.serializers import UserRefSerializer
from mandate.core.api import DecimalText, NumberInput, version_field
from mandate.core.models import MAX_BATCH_VALUES
from mandate.documents.models import DirectiveDocument
from mandate.documents.serializers import DocumentRefSerializer
from mandate.orgs.models import OrgUnit
from mandate.orgs.serializers import OrgUnitRefSerializer

from .models import Aggregation, ChangeKind, Comparator, ReportedValue, Status, Target, TargetAllocation


class TrendPointSerializer(serializers.Serializer):
    period = serializers.CharField()
    value = DecimalText()


class TargetRefSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period_label", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "indicator", "unit_of_measure", "period", "org_unit"]
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    """A target with its figures as of a day: ``actual`` is the rollup of approved values at
    the target's own unit (sum, average, coverage count or own value, per ``aggregation``)."""

    document = DocumentRefSerializer(read_only=True)
    org_unit = OrgUnitRefSerializer(read_only=True)
    period = serializers.CharField(source="period_label", read_only=True)
    value = DecimalText()
    value_max = DecimalText()
    baseline = DecimalText()
    coverage_threshold = DecimalText()
    status = serializers.SerializerMethodField()
    actual = serializers.SerializerMethodField()
    progress_percent = serializers.SerializerMethodField()
    reporting_units = serializers.SerializerMethodField(help_text="How many units' approved values count.")
    trend = serializers.SerializerMethodField(help_text="The rollup per reported period, oldest first.")
    coverage_reported = serializers.SerializerMethodField(
        help_text="Of the units expected to report (see coverage_expected), how many have an approved value; "
                  "null when the figure is the unit's own value (docs/status-rules.md).")
    coverage_expected = serializers.SerializerMethodField(
        help_text="How many units are expected to report: the units the target is broken down to, else the "
                  "local units directly under its unit; null when not applicable.")
    as_of = serializers.SerializerMethodField(help_text="The day the figures and status are computed for.")
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["id", "document", "org_unit", "indicator", "unit_of_measure", "comparator", "value", "value_max",
                  "baseline", "change_kind", "period", "period_start", "period_end", "aggregation",
                  "coverage_threshold", "parent", "sort_order", "version", "status", "actual", "progress_percent",
                  "reporting_units", "trend", "coverage_reported", "coverage_expected", "as_of", "can_edit"]
        read_only_fields = fields

    def _row(self, target):
        return self.context["rows"][target.pk]

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices))
    def get_status(self, target):
        return self._row(target).status

    @extend_schema_field(DecimalText())
    def get_actual(self, target):
        return DecimalText().to_representation(self._row(target).actual)

    def get_progress_percent(self, target) -> int | None:
        return self._row(target).progress_percent

    def get_reporting_units(self, target) -> int:
        rollup = self._row(target).rollup
        return rollup.reporting if rollup else 0

    @extend_schema_field(TrendPointSerializer(many=True))
    def get_trend(self, target):
        # What TrendPointSerializer(many=True) gives, without a serializer per point (a five-year
        # monthly trend is 60 points per target).
        text = DecimalText().to_representation
        return [{"period": str(label), "value": text(value)} for label, value in self._row(target).trend]

    def get_coverage_reported(self, target) -> int | None:
        return self._row(target).coverage_reported

    def get_coverage_expected(self, target) -> int | None:
        return self._row(target).coverage_expected

    def get_as_of(self, target) -> str:
        return self.context["as_of"].isoformat()

    def get_can_edit(self, target) -> bool:
        return self.context["may_edit"](target.org_unit)


class _VisibleChoicesMixin:
    """Related records the caller cannot see read as 'does not exist' (400), never as 403/404."""

    visible_querysets: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = self.context.get("choices")  # targets.api.ChoiceQuerysets
        if choices is not None:
            for name, key in self.visible_querysets.items():
                self.fields[name].queryset = getattr(choices, key)


class TargetWriteSerializer(_VisibleChoicesMixin, serializers.Serializer):
    visible_querysets = {"document": "visible_documents", "org_unit": "visible_units", "parent": "visible_targets"}

    document = serializers.PrimaryKeyRelatedField(queryset=DirectiveDocument.objects.none())
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none())
    indicator = serializers.CharField(max_length=300)
    unit_of_measure = serializers.CharField(max_length=60, help_text="%, VND, or what is counted.")
    comparator = serializers.ChoiceField(choices=Comparator.choices, required=False)
    value = NumberInput()
    value_max = NumberInput(required=False, help_text="The upper end of a range (comparator between).")
    baseline = NumberInput(required=False, help_text="The starting point of an increase or decrease.")
    change_kind = serializers.ChoiceField(choices=ChangeKind.choices, required=False)
    period = serializers.CharField(max_length=20, help_text="2023, 2023-Q2, 2023-06, 2026-2030 or 2030-12-31.")
    aggregation = serializers.ChoiceField(choices=Aggregation.choices, required=False)
    coverage_threshold = NumberInput(required=False)
    parent = serializers.PrimaryKeyRelatedField(queryset=Target.objects.none(), required=False, allow_null=True,
                                                help_text="For a share of a share: the target it is a share of.")
    source_text = serializers.CharField(required=False, allow_blank=True)
    sort_order = serializers.IntegerField(required=False, min_value=0)


class TargetUpdateSerializer(TargetWriteSerializer):
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False


class AllocationSerializer(serializers.ModelSerializer):
    org_unit = OrgUnitRefSerializer(read_only=True)
    value = DecimalText()
    value_max = DecimalText()

    class Meta:
        model = TargetAllocation
        fields = ["id", "org_unit", "value", "value_max"]
        read_only_fields = fields


class AllocationWriteSerializer(_VisibleChoicesMixin, serializers.Serializer):
    visible_querysets = {"org_unit": "visible_units"}

    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(),
                                                  help_text="A unit below the target's unit.")
    value = NumberInput()
    value_max = NumberInput(required=False)


class ReportedValueSerializer(serializers.ModelSerializer):
    target = TargetRefSerializer(read_only=True)
    org_unit = OrgUnitRefSerializer(read_only=True)
    period = serializers.CharField(source="period_label", read_only=True)
    value = DecimalText()
    created_by = UserRefSerializer(read_only=True, allow_null=True)
    submitted_by = UserRefSerializer(read_only=True, allow_null=True)
    decided_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ReportedValue
        fields = ["id", "target", "org_unit", "period", "period_start", "period_end", "value", "note", "state",
                  "version", "created_by", "submitted_by", "submitted_at", "decided_by", "decided_at",
                  "decision_comment", "is_demo", "created_at", "updated_at"]
        read_only_fields = fields


class ReportedValueCreateSerializer(_VisibleChoicesMixin, serializers.Serializer):
    visible_querysets = {"target": "reportable_targets", "org_unit": "visible_units"}

    target = serializers.PrimaryKeyRelatedField(
        queryset=Target.objects.none(),
        help_text="A target of the reporting unit, of a unit below it, or of a unit above it.",
    )
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), help_text="The reporting unit.")
    period = serializers.CharField(max_length=20, help_text="2023, 2023-Q2, 2023-06...")
    value = NumberInput()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(required=False, default=False,
                                      help_text="true: submit to the approver at once; false: keep as a draft.")


class ReportedValueUpdateSerializer(serializers.Serializer):
    version = version_field()
    value = NumberInput(required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    submit = serializers.BooleanField(required=False, default=False)


class ValueVersionSerializer(serializers.Serializer):
    version = version_field()


class ValueDecisionSerializer(serializers.Serializer):
    version = version_field()
    comment = serializers.CharField(required=False, allow_blank=True, default="",
                                    help_text="Required when returning a value: say what to correct.")


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string", "example": "1.234,5"}]})
class BatchNumber(serializers.Field):
    """A value in a batch: a JSON number is taken as it is; text is read as the caller's
    language writes numbers (1.234,5 in Vietnamese), as in the entry grid."""

    def to_internal_value(self, data):
        from decimal import Decimal

        if isinstance(data, str):
            return data
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise serializers.ValidationError(_("Enter a number, for example 12 or 12.5."))
        # Bounds are the value's own rule (targets.services.to_decimal), refused per entry.
        return Decimal(data) if isinstance(data, int) else Decimal(repr(data))

    def to_representation(self, value):
        return None if value is None else str(value)


class BatchEntrySerializer(serializers.Serializer):
    target = serializers.IntegerField(min_value=1, help_text="A target assigned to the unit for the period.")
    value = BatchNumber(help_text="A JSON number, or text as the caller's language writes it (12,5 in Vietnamese).")
    note = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text="Required when the value is far from last period's and is submitted.")
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None,
                                       help_text="To change a value already entered: its version, as last read.")


class ReportedValueBatchSerializer(_VisibleChoicesMixin, serializers.Serializer):
    """Values of one unit for one period, each for a target assigned to it."""

    visible_querysets = {"org_unit": "visible_units"}

    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), help_text="The reporting unit.")
    period = serializers.CharField(max_length=20, help_text="2026-06, 2026-Q2, 2026...")
    submit = serializers.BooleanField(required=False, default=False,
                                      help_text="true: submit each value that passes; false: keep them as drafts.")
    values = BatchEntrySerializer(many=True, allow_empty=False, max_length=MAX_BATCH_VALUES)

    def validate_period(self, text):
        from django.core.exceptions import ValidationError

        from .services import period_or_error

        try:
            return period_or_error(text)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict["period"]) from exc

    def validate_values(self, entries):
        seen = set()
        for entry in entries:
            if entry["target"] in seen:
                raise serializers.ValidationError(_("Each target may appear only once in a batch."))
            seen.add(entry["target"])
        return entries


class BatchMessagesSerializer(serializers.Serializer):
    target = serializers.IntegerField()
    messages = serializers.ListField(child=serializers.CharField())


class ReportedValueBatchResultSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What happened, in the user's language.")
    saved = ReportedValueSerializer(many=True, help_text="The values saved, in the order sent.")
    errors = BatchMessagesSerializer(many=True, help_text="Entries refused, with the reasons; nothing of them was saved.")
    warnings = BatchMessagesSerializer(many=True, help_text="Entries saved as drafts with a warning to look at.")
