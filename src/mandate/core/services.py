from django.utils.translation import gettext as _

from .exceptions import ConflictError


def check_version(instance, expected_version: int | None) -> None:
    """Refuse a write made from a stale copy of ``instance`` (optimistic locking).

    ``instance`` must have been read with ``select_for_update`` inside the caller's
    transaction so that on PostgreSQL the second writer waits, then sees the new version.
    """
    if expected_version is None:
        return
    if int(expected_version) != instance.version:
        raise ConflictError(
            _(
                "Someone else changed this record while you were editing it "
                "(your copy is version %(yours)s, the saved one is version %(saved)s). "
                "Reload the page to see their change; nothing of theirs was overwritten."
            )
            % {"yours": expected_version, "saved": instance.version},
            code="conflict",
        )


def bump_version(instance) -> None:
    instance.version = (instance.version or 0) + 1
