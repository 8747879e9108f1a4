from django.core.exceptions import ValidationError


class ConflictError(ValidationError):
    """A write based on a stale version of a record, or on a state that has moved on."""
