from rest_framework import viewsets

from .serializers import JobSerializer
from .services import visible_jobs


class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """Background jobs the caller asked for (report generation, large exports, rebuilds), with progress."""

    serializer_class = JobSerializer

    def get_queryset(self):
        return visible_jobs(self.request.user)
