"""The legal rules of an election, as pure functions over numbers (no Django).

The numbers the rules use (how many more candidates than seats, what share of valid
ballots elects, what turnout makes an election valid, the age under which a candidate
counts as young) are data: they live on the ``Election`` row and are passed in as a
``Rules`` value, so an election under a changed law needs no code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Rules:
    extra_candidates: int = 1  # at least this many more candidates than seats...
    extra_candidates_large: int = 2  # ...and this many more where ``large_from_seats`` or more are elected
    large_from_seats: int = 3
    majority_percent: Decimal = Decimal(50)  # elected: MORE than this share of valid ballots
    min_turnout_percent: Decimal = Decimal(50)  # below: the vote is repeated
    young_age: int = 40  # under this age on election day counts as young
    tie_break_older: bool = True  # a tie at the last seat goes to the older candidate (flagged)


def min_candidates(seats: int, rules: Rules) -> int:
    """The fewest candidates a constituency electing ``seats`` may have."""
    extra = rules.extra_candidates_large if seats >= rules.large_from_seats else rules.extra_candidates
    return seats + extra


def candidates_short(seats: int, candidates: int, rules: Rules) -> int:
    """How many candidates are missing for the rule (0 when the list is long enough)."""
    return max(0, min_candidates(seats, rules) - candidates)


def share_percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))


def above_majority(votes: int, valid: int, rules: Rules) -> bool:
    """More than ``majority_percent`` of valid ballots; exactly half is not enough."""
    return valid > 0 and Decimal(votes) * 100 > Decimal(valid) * rules.majority_percent


class Outcome:
    ELECTED = "elected"
    NOT_ELECTED = "not_elected"


class Action:
    NONE = ""
    SUPPLEMENTARY = "supplementary"  # fewer elected than seats: vote again for the remaining seats
    REPEAT = "repeat"  # turnout too low: the whole vote is repeated


@dataclass
class Tally:
    """The counted figures of one constituency (sums over its voting areas)."""

    seats: int
    voters: int  # on the lists
    received: int  # ballots received = voters who voted
    valid: int
    votes: dict  # candidate key -> votes
    birth_years: dict = field(default_factory=dict)  # candidate key -> year, for the tie rule


@dataclass
class Count:
    elected: list = field(default_factory=list)  # keys, best first
    majority: list = field(default_factory=list)  # keys above the majority, best first
    tied: list = field(default_factory=list)  # keys tied at the last seat
    tie_resolved: bool = False
    turnout_percent: Decimal | None = None
    action: str = Action.NONE

    @property
    def has_tie(self) -> bool:
        return bool(self.tied)


def count(tally: Tally, rules: Rules) -> Count:
    """Who is elected: candidates with more than half of valid ballots, by number of votes,
    up to the number of seats. A tie at the last seat is flagged; under the rule it goes
    to the older candidate, and when their years of birth are the same too it stays open.
    Turnout under the minimum means a repeat vote; fewer elected than seats a supplementary one."""
    result = Count(turnout_percent=share_percent(tally.received, tally.voters))
    if result.turnout_percent is not None and result.turnout_percent < rules.min_turnout_percent:
        result.action = Action.REPEAT
        return result
    if tally.received == 0:
        return result
    ranked = sorted(
        (k for k, v in tally.votes.items() if above_majority(v, tally.valid, rules)),
        key=lambda k: (-tally.votes[k], str(k)),
    )
    result.majority = ranked
    if len(ranked) <= tally.seats:
        result.elected = ranked
    else:
        cutoff = tally.votes[ranked[tally.seats - 1]]
        above = [k for k in ranked if tally.votes[k] > cutoff]
        at_cut = [k for k in ranked if tally.votes[k] == cutoff]
        if len(above) + len(at_cut) <= tally.seats:
            result.elected = above + at_cut
        else:
            result.tied = at_cut
            left = tally.seats - len(above)
            result.elected = list(above)
            if rules.tie_break_older:
                years = sorted(at_cut, key=lambda k: tally.birth_years.get(k) or 9999)
                chosen = years[:left]
                boundary = tally.birth_years.get(chosen[-1]) if chosen else None
                rest = [k for k in years[left:] if tally.birth_years.get(k) == boundary]
                if boundary is not None and not rest:
                    result.elected += chosen
                    result.tie_resolved = True
    if len(result.elected) < tally.seats:
        result.action = Action.SUPPLEMENTARY
    return result
