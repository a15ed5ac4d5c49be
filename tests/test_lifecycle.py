"""The lifecycle is one table: every requirement it names has the store's check, the states
that allow editing come from it, and no other module lists states or decides on them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import seal_engine
from seal_engine import lifecycle
from seal_engine.lifecycle import EDITABLE, TRANSITIONS, Requirement, Role, State

ROOT = Path(seal_engine.__file__).parent


def test_every_requirement_has_the_stores_check():
    from seal_engine.store.review import CHECKS

    used = {r for t in TRANSITIONS.values() for r in t.requires}
    assert used <= set(CHECKS)
    assert set(Requirement) == set(CHECKS)


def test_states_and_roles_are_stored_by_their_names():
    # a state read from the database (a str) is found in the table's sets
    for member in (*State, *Role):
        assert member.name == member.value
    assert "draft" in EDITABLE and "under_review" in lifecycle.REVIEWED
    assert lifecycle.DECIDED == {State.certified, State.not_certified}
    assert lifecycle.WITH_ASSESSORS == {State.submitted, State.under_review}


def test_the_editable_states_are_where_the_institution_acts():
    assert EDITABLE == {State.draft, State.changes_requested}
    assert lifecycle.can_edit("changes_requested") and not lifecycle.can_edit("submitted")
    from seal_engine.store.assessments import EDITABLE as stored

    assert set(stored) == {s.value for s in EDITABLE}


def test_the_schema_allows_exactly_the_lifecycles_states_and_roles():
    from seal_engine.store.schema import ASSESSMENT_STATES, ROLES

    assert set(ASSESSMENT_STATES) == {s.value for s in State}
    assert set(ROLES) == {r.value for r in Role}


def test_every_state_is_reached_or_is_the_start():
    targets = {t.target for t in TRANSITIONS.values()}
    assert set(State) - targets == {State.draft}
    assert [t.name for t in lifecycle.transitions_from("under_review")] == [
        "request_changes", "recommend", "recommend_refusal"]
    assert [t.name for t in lifecycle.transitions_from("recommended")] == [
        "return_to_team", "certify", "refuse"]


def test_four_eyes_the_team_recommends_and_the_programme_decides():
    for name in ("certify", "refuse", "return_to_team"):
        t = TRANSITIONS[name]
        assert t.who is Role.programme_officer and Requirement.four_eyes in t.requires
    for name in ("recommend", "recommend_refusal"):
        t = TRANSITIONS[name]
        assert t.who is Role.assessor and Requirement.team_lead in t.requires
    assert all(Requirement.no_conflict in TRANSITIONS[n].requires
               for n in ("start_review", "request_changes", "recommend"))


def _string_sets(path: Path) -> list[tuple[int, set[str]]]:
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typed = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)
             and isinstance(n.value, ast.Name) and n.value.id == "Literal"}
    for node in ast.walk(tree):
        if id(node) in typed:  # a type (an assessment file's own status), not a rule
            continue
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            values = {e.value for e in node.elts if isinstance(e, ast.Constant)
                      and isinstance(e.value, str)}
            if len(values & {s.value for s in State}) >= 2:
                out.append((node.lineno, values))
    return out


@pytest.mark.parametrize("path", sorted(p for p in ROOT.rglob("*.py")
                                        if p.name != "lifecycle.py"
                                        and "migrations" not in p.parts),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_other_module_lists_states(path):
    """A list of two states or more outside the lifecycle module is a rule kept in the wrong
    place (the app's pages listed the editable states six times)."""
    assert _string_sets(path) == []


def test_pages_reach_the_store_only_through_its_service_functions():
    offences = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("seal_engine.store."):
                offences.append(f"{path.name}:{node.lineno}: {node.module}")
            if isinstance(node, ast.Import):
                offences += [f"{path.name}:{node.lineno}: {a.name}" for a in node.names
                             if a.name.startswith("seal_engine.store.")]
    assert offences == []
