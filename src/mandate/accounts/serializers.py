from django.contrib.auth import get_user_model
from rest_framework import serializers

from .models import Membership, Role


class UserRefSerializer(serializers.ModelSerializer):
    """Who entered, submitted or decided something."""

    full_name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "full_name"]
        read_only_fields = fields


class CurrentUserSerializer(serializers.Serializer):
    """The caller: their unit (whose subtree they see) and their role there."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    is_superuser = serializers.BooleanField()
    org_unit = serializers.IntegerField(allow_null=True, help_text="The unit whose subtree the user sees.")
    org_unit_name = serializers.CharField(allow_null=True)
    role = serializers.ChoiceField(choices=Role.choices, allow_null=True)

    @classmethod
    def for_user(cls, user, membership: Membership | None):
        return cls({
            "id": user.pk,
            "username": user.get_username(),
            "full_name": user.get_full_name(),
            "is_superuser": user.is_superuser,
            "org_unit": membership.org_unit_id if membership else None,
            "org_unit_name": membership.org_unit.display_name if membership else None,
            "role": membership.role if membership else None,
        })
