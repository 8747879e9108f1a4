"""The legal rules as pure functions: candidates per seat, who is elected, further votes."""

from decimal import Decimal

from mandate.elections.rules import (
    Action,
    Rules,
    Tally,
    above_majority,
    candidates_short,
    count,
    min_candidates,
)

RULES = Rules()


def test_more_candidates_than_seats_and_two_more_from_three_seats():
    assert min_candidates(1, RULES) == 2
    assert min_candidates(2, RULES) == 3
    assert min_candidates(3, RULES) == 5
    assert candidates_short(3, 4, RULES) == 1
    assert candidates_short(3, 5, RULES) == 0
    assert min_candidates(3, Rules(extra_candidates_large=3)) == 6  # the numbers are data


def test_exactly_half_of_valid_ballots_is_not_elected():
    assert not above_majority(500, 1000, RULES)
    assert above_majority(501, 1000, RULES)
    result = count(Tally(seats=1, voters=1200, received=1000, valid=1000, votes={"a": 500, "b": 499}), RULES)
    assert result.elected == []
    assert result.action == Action.SUPPLEMENTARY


def test_one_seat_constituency_elects_the_best_above_half():
    result = count(Tally(seats=1, voters=1200, received=1000, valid=990, votes={"a": 700, "b": 600}), RULES)
    assert result.elected == ["a"]
    assert result.majority == ["a", "b"]
    assert result.action == Action.NONE


def test_tie_at_last_seat_is_flagged_and_goes_to_the_older_candidate():
    tally = Tally(seats=2, voters=1000, received=900, valid=900, votes={"a": 800, "b": 600, "c": 600},
                  birth_years={"a": 1970, "b": 1985, "c": 1979})
    result = count(tally, RULES)
    assert result.tied == ["b", "c"]
    assert result.elected == ["a", "c"]
    assert result.tie_resolved
    assert result.action == Action.NONE


def test_tie_with_same_year_of_birth_stays_open_and_needs_a_further_vote():
    tally = Tally(seats=2, voters=1000, received=900, valid=900, votes={"a": 800, "b": 600, "c": 600},
                  birth_years={"a": 1970, "b": 1980, "c": 1980})
    result = count(tally, RULES)
    assert result.tied == ["b", "c"] and result.elected == ["a"]
    assert not result.tie_resolved
    assert result.action == Action.SUPPLEMENTARY
    flagged_only = count(tally, Rules(tie_break_older=False))
    assert flagged_only.elected == ["a"] and flagged_only.has_tie


def test_turnout_under_half_means_a_repeat_vote():
    result = count(Tally(seats=1, voters=1000, received=499, valid=499, votes={"a": 400, "b": 99}), RULES)
    assert result.action == Action.REPEAT
    assert result.elected == []
    assert result.turnout_percent == Decimal("49.90")
    exactly_half = count(Tally(seats=1, voters=1000, received=500, valid=500, votes={"a": 400, "b": 99}), RULES)
    assert exactly_half.action == Action.NONE and exactly_half.elected == ["a"]


def test_fewer_elected_than_seats_needs_a_supplementary_vote():
    result = count(Tally(seats=3, voters=1000, received=900, valid=900,
                         votes={"a": 800, "b": 700, "c": 400, "d": 300, "e": 200}), RULES)
    assert result.elected == ["a", "b"]
    assert result.action == Action.SUPPLEMENTARY
