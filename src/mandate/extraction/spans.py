"""Sets of character spans with fast overlap queries (bisect, not a scan per number)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class SpanSet:
    """Non-overlapping spans, kept sorted; adding a span merges it with those it touches."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in sorted(spans or []):
            if self._ends and s < self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], e)
            else:
                self._starts.append(s)
                self._ends.append(e)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_right(self._starts, s)
        if i and self._ends[i - 1] > s:
            return True
        return i < len(self._starts) and self._starts[i] < e

    def add(self, s: int, e: int) -> None:
        """Add a span that overlaps none already in the set."""
        i = bisect_left(self._starts, s)
        self._starts.insert(i, s)
        self._ends.insert(i, e)


def in_range(starts: list[int], lo: int, hi: int) -> slice:
    """Slice of a sorted list of start positions falling in [lo, hi)."""
    return slice(bisect_left(starts, lo), bisect_left(starts, hi))



