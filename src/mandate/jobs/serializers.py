from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Job


class JobSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["id", "kind", "kind_label", "state", "progress_percent", "message", "attempts", "summary",
                  "result_name", "download_url", "created_at", "started_at", "finished_at"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_download_url(self, job) -> str:
        if job.state != "succeeded" or not job.result_file:
            return ""
        return reverse("jobs:download", args=[job.pk])
