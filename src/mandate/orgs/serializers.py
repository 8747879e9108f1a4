from rest_framework import serializers

from mandate.accounts.access import visible_units

from .models import OrgUnit, Succession, UnitKind


class OrgUnitRefSerializer(serializers.ModelSerializer):
    """A unit named inside another record."""

    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "name_vi", "name_en", "kind"]
        read_only_fields = fields


class OrgUnitSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True,
                                 help_text="The name in the request's language (Vietnamese unless English is asked for).")

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "name_vi", "name_en", "kind", "parent", "path", "depth",
                  "valid_from", "valid_to", "sort_order", "is_illustrative"]
        read_only_fields = fields


class SuccessionSerializer(serializers.ModelSerializer):
    predecessor = OrgUnitRefSerializer(read_only=True)
    successor = OrgUnitRefSerializer(read_only=True)

    class Meta:
        model = Succession
        fields = ["id", "kind", "effective_on", "predecessor", "successor", "legal_basis", "is_illustrative"]
        read_only_fields = fields


class OrgUnitDetailSerializer(OrgUnitSerializer):
    successions = serializers.SerializerMethodField(
        help_text="Reorganizations this unit took part in, as predecessor or successor, oldest first."
    )

    class Meta(OrgUnitSerializer.Meta):
        fields = [*OrgUnitSerializer.Meta.fields, "successions"]
        read_only_fields = fields

    def get_successions(self, unit) -> list[dict]:
        edges = sorted([*unit.successions_out.all(), *unit.successions_in.all()], key=lambda s: (s.effective_on, s.pk))
        return SuccessionSerializer(edges, many=True).data


class OrgUnitCreateSerializer(serializers.Serializer):
    """A new unit under ``parent``; only an administrator of the parent may create it."""

    code = serializers.SlugField(max_length=80)
    name_vi = serializers.CharField(max_length=255)
    name_en = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    parent = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), allow_null=True)
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)
    valid_to = serializers.DateField(required=False, allow_null=True, default=None)
    sort_order = serializers.IntegerField(min_value=0, required=False, default=0)
    is_illustrative = serializers.BooleanField(required=False, default=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # A parent outside the caller's subtree reads as "does not exist", never as "forbidden".
            self.fields["parent"].queryset = visible_units(request.user)
