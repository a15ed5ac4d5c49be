"""The states and transitions of an assessment in the Seal's process, as data.

The programme's stages: (1) the head of the institution and its Gender Equality Committee commit
(the head's signed letter and the committee's founding act, recorded as the institution's
commitment); (2) a **baseline** self-assessment, recorded; (3) an improvement action plan on the
baseline's gaps, approved by the head or the committee; (4) implementation, with progress on the
plan's rows, for at least the standard's minimum period; (5) the application: a
**certification** assessment submitted for external review; (6) the assessment team's review
and recommendation; (7) the programme's award decision and the certificate; renewal and moving
up start a new certification assessment, whose baseline is the one certified before.

An assessment has a :class:`Purpose`: a baseline only moves from draft to recorded; a
certification assessment takes the review loop below.  Which of the stages (1)-(4) a
certification requires is the standard's :class:`~seal_engine.models.Process` (a pilot's short
loop says so there), checked as the requirements of ``submit``.

::

    baseline:       draft ──record_baseline──▶ recorded

    draft ──submit──▶ submitted ──start_review──▶ under_review ──recommend(_refusal)──▶ recommended
      ▲                   ▲                         │   ▲                                 │ │ │
      │                   └──────submit─────┐       │   └──────return_to_team─────────────┘ │ │
      │                                     │       ▼                                         │ │
      └── (renewal starts a new draft)   changes_requested        certified ◀──certify────────┘ │
                                                               not_certified ◀──refuse──────────┘

Four eyes: the assessment team (a lead and members, each having declared no conflict of
interest with the institution) reviews and its lead recommends; a programme officer who is not
on the team decides the award.

Each :class:`Transition` names the states it starts from, the state it leads to, the
:class:`Role` that may take it and what it requires (:class:`Requirement` codes, checked by the
store's service for that transition).  The store, the app and the command line read this table:
whether an assessment can be edited, which actions a page offers, what a refusal says.  Nothing
else lists states.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["BASELINES", "DECIDED", "EDITABLE", "FEEDBACK", "REVIEWED", "TRANSITIONS",
           "WITH_ASSESSORS", "WITH_PROGRAMME", "Purpose", "Requirement", "Role", "State",
           "Transition", "can_edit", "transition", "transitions_from"]


class Role(str, Enum):
    """The roles a user can hold."""

    focal_point = "focal_point"  # of an institution: answers, evidence, plan, submits
    assessor = "assessor"        # on an assessment team: reviews; the lead recommends
    programme_officer = "programme_officer"  # of the programme: decides awards (four eyes)
    analyst = "analyst"          # of a country: compares results
    admin = "admin"              # users, roles, institutions, assignments, standards


class Purpose(str, Enum):
    """What an assessment is for."""

    baseline = "baseline"            # the starting point: recorded, never reviewed or awarded
    certification = "certification"  # the application: reviewed, recommended, decided


class State(str, Enum):
    """Where an assessment is in the process."""

    draft = "draft"
    recorded = "recorded"  # a baseline, kept as the starting point
    submitted = "submitted"
    under_review = "under_review"
    changes_requested = "changes_requested"
    recommended = "recommended"
    certified = "certified"
    not_certified = "not_certified"


class Requirement(str, Enum):
    """What a transition needs, beyond the role and the state."""

    answers_complete = "answers_complete"            # every required question answered
    answers_valid = "answers_valid"                  # every answer fits its question
    review_complete = "review_complete"              # every verdict given and current
    open_requests = "open_requests"                  # something asked of the institution
    reviewed_level = "reviewed_level"                # the reviewed result reaches a level
    certifiable_standard = "certifiable_standard"    # the standard issues certificates
    reason = "reason"                                # the decision says why
    no_conflict = "no_conflict"                      # the assessor declared no conflict
    team_lead = "team_lead"                          # the assessor leads the team
    four_eyes = "four_eyes"                          # the decider is not on the team
    recommended_award = "recommended_award"          # the team recommended certifying
    commitment = "commitment"                        # the head and the committee committed
    baseline = "baseline"                            # a baseline is recorded before
    plan_approved = "plan_approved"                  # the baseline's plan is approved
    implementation_period = "implementation_period"  # the plan ran its minimum period


@dataclass(frozen=True)
class Transition:
    """One step of the process."""

    name: str
    sources: frozenset[State]
    target: State
    who: Role
    requires: tuple[Requirement, ...] = ()
    purposes: frozenset[Purpose] = frozenset({Purpose.certification})


R = Requirement
TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("record_baseline", frozenset({State.draft}), State.recorded, Role.focal_point,
               (R.answers_valid, R.answers_complete, R.commitment),
               frozenset({Purpose.baseline})),
    Transition("submit", frozenset({State.draft, State.changes_requested}), State.submitted,
               Role.focal_point, (R.answers_valid, R.answers_complete, R.commitment,
                                  R.baseline, R.plan_approved, R.implementation_period)),
    Transition("start_review", frozenset({State.submitted}), State.under_review, Role.assessor,
               (R.no_conflict,)),
    Transition("request_changes", frozenset({State.under_review}), State.changes_requested,
               Role.assessor, (R.no_conflict, R.open_requests)),
    Transition("recommend", frozenset({State.under_review}), State.recommended, Role.assessor,
               (R.no_conflict, R.team_lead, R.certifiable_standard, R.review_complete,
                R.reviewed_level)),
    Transition("recommend_refusal", frozenset({State.under_review}), State.recommended,
               Role.assessor, (R.no_conflict, R.team_lead, R.review_complete, R.reason)),
    Transition("return_to_team", frozenset({State.recommended}), State.under_review,
               Role.programme_officer, (R.four_eyes, R.reason)),
    Transition("certify", frozenset({State.recommended}), State.certified,
               Role.programme_officer, (R.four_eyes, R.recommended_award, R.reviewed_level)),
    Transition("refuse", frozenset({State.recommended}), State.not_certified,
               Role.programme_officer, (R.four_eyes, R.reason)),
)}

#: The states in which the institution edits its answers, evidence, claims and plan.
EDITABLE: frozenset[State] = frozenset(
    s for t in TRANSITIONS.values() if t.who is Role.focal_point for s in t.sources)

#: The states the assessors act in (the institution waits).
WITH_ASSESSORS: frozenset[State] = frozenset(
    s for t in TRANSITIONS.values() if t.who is Role.assessor for s in t.sources)

#: The final states of a certification: no transition leaves them (a new period starts a new
#: assessment).
DECIDED: frozenset[State] = frozenset(
    s for s in State if not any(s in t.sources for t in TRANSITIONS.values())
    and any(t.target is s and Purpose.certification in t.purposes
            for t in TRANSITIONS.values()))

#: The states in which an assessment serves as the baseline of a later certification: a
#: recorded baseline, or an earlier certification decided (renewal and moving up).
BASELINES: frozenset[State] = DECIDED | frozenset(
    t.target for t in TRANSITIONS.values() if t.purposes == {Purpose.baseline})

#: The states in which the institution reads the assessors' review of its answers.
FEEDBACK: frozenset[State] = DECIDED | {State.changes_requested}

#: The states the programme acts in (the award decision).
WITH_PROGRAMME: frozenset[State] = frozenset(
    s for t in TRANSITIONS.values() if t.who is Role.programme_officer for s in t.sources)

#: The states in which an assessment has (or is getting) a reviewed result.
REVIEWED: frozenset[State] = frozenset({State.under_review, State.recommended,
                                        State.certified, State.not_certified})


def transition(name: str) -> Transition:
    """The transition called ``name``; ``KeyError`` if there is none."""
    return TRANSITIONS[name]


def transitions_from(state: str | State,
                     purpose: str | Purpose | None = None) -> list[Transition]:
    """The transitions that can start from ``state`` (for an assessment of ``purpose``, when
    given), in the table's order."""
    return [t for t in TRANSITIONS.values() if State(state) in t.sources
            and (purpose is None or Purpose(purpose) in t.purposes)]


def can_edit(state: str | State) -> bool:
    """True when the institution may change an assessment in ``state``."""
    return State(state) in EDITABLE
