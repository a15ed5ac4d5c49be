"""A standard's shape: its dimensions, benchmarks, questions and rules, levels, scoring,
parameters, the action library and the programme's process."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

from ._base import RecordId, Text
from ._base import SealModel as _Model

__all__ = ["Action", "ActionArea", "AnswerScale", "BasisKind", "Benchmark", "Choice", "Column",
           "ColumnTexts", "Dimension", "EvidenceKind", "EvidenceRequirement", "Indicator", "Level",
           "Pace", "Parameter", "Process", "Question", "QuestionType", "RecordTexts", "Refocus",
           "ResultsLevel", "Rule", "Scoring", "Standard", "StandardRef", "TEXT_LIMITS"]


class QuestionType(str, Enum):
    """How a question is answered."""

    yes_no = "yes_no"
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    integer = "integer"
    number = "number"
    percent = "percent"
    date = "date"
    text = "text"
    long_text = "long_text"
    table = "table"


#: How many characters a text answer may hold when its question sets no ``max_length``: a
#: one-line text, and a long text (several paragraphs, a page or two).  Longer answers are
#: refused with a message, never cut.
TEXT_LIMITS: dict[QuestionType, int] = {QuestionType.text: 2000, QuestionType.long_text: 20000}


class Choice(_Model):
    value: RecordId = Field(description="The value stored in an answer.")
    label: str | None = Field(None, description="What the person sees; defaults to the value.")
    weight: float | None = Field(None, ge=0, le=1, description="Credit in 0..1, when used.")


class AnswerScale(_Model):
    """An ordered list of choices shared by several questions."""

    id: RecordId
    title: str | None = None
    choices: list[Choice] = Field(min_length=2)


class Column(_Model):
    """A typed column of a table question."""

    id: RecordId
    title: str | None = None
    type: QuestionType
    choices: list[Choice] | None = None
    answer_scale: RecordId | None = Field(None, description="Id of a shared answer scale.")
    min: float | None = None
    max: float | None = None
    unit: str | None = None

    @field_validator("type")
    @classmethod
    def _not_nested(cls, v: QuestionType) -> QuestionType:
        if v is QuestionType.table:
            raise ValueError("a table column cannot itself be a table")
        if v is QuestionType.long_text:
            raise ValueError("a table column cannot be long_text (a cell holds one line): use "
                             "text, or a long_text question beside the table")
        return v

    @model_validator(mode="after")
    def _choices(self) -> Column:
        if self.type in (QuestionType.single_choice, QuestionType.multiple_choice):
            if not self.choices and not self.answer_scale:
                raise ValueError(f"a {self.type.value} column needs choices or an answer_scale")
        elif self.choices or self.answer_scale:
            raise ValueError(f"a {self.type.value} column takes no choices")
        return self


class Question(_Model):
    id: RecordId
    type: QuestionType
    text: Text = Field(description="The question as the institution reads it.")
    help: str | None = Field(None, description="Guidance on how to answer.")
    required: bool = True
    asked_when: str | None = Field(
        None, description="A rule (the rule language, e.g. answer('WE-16.survey')): when it is "
        "false the question is not asked (not required, left out of progress and of the check "
        "before submitting); when it cannot yet be told, the question is asked.")
    choices: list[Choice] | None = Field(
        None, description="Allowed values of a single or multiple choice question."
    )
    answer_scale: RecordId | None = Field(None, description="Id of a shared answer scale.")
    min: float | None = Field(None, description="Smallest allowed number.")
    max: float | None = Field(None, description="Largest allowed number.")
    unit: str | None = None
    max_length: int | None = Field(
        None, ge=1, le=100000, description="For text and long_text questions: the most "
        "characters an answer may hold (default 2000 for text, 20000 for long_text); a longer "
        "answer is refused, never cut.")
    columns: list[Column] | None = Field(None, description="Columns of a table question.")
    from_baseline: RecordId | None = Field(
        None, description="In a certification assessment whose institution has a stored "
        "baseline, the answer is taken from the baseline's answer to this question (e.g. a "
        "share 'at the baseline' from the baseline's share 'today'), not typed again.")
    warn_below: float | None = Field(
        None, description="seal validate warns when a number answered is below this (but not "
        "0). For percentages the default is 1, so that 0.64 written for 64 % is caught; set 0 "
        "where small percentages are real (a budget share of 0.3 %).")

    @model_validator(mode="after")
    def _shape(self) -> Question:
        choice_types = (QuestionType.single_choice, QuestionType.multiple_choice)
        if self.type in choice_types:
            if not self.choices and not self.answer_scale:
                raise ValueError(f"a {self.type.value} question needs choices or an answer_scale")
            if self.choices and self.answer_scale:
                raise ValueError("give choices or an answer_scale, not both")
        elif self.choices or self.answer_scale:
            raise ValueError(f"a {self.type.value} question takes no choices")
        if self.type is QuestionType.table and not self.columns:
            raise ValueError("a table question needs columns")
        if self.type is not QuestionType.table and self.columns:
            raise ValueError(f"a {self.type.value} question takes no columns")
        if self.max_length is not None and self.type not in TEXT_LIMITS:
            raise ValueError(f"a {self.type.value} question takes no max_length (only text and "
                             "long_text do)")
        return self

    @property
    def text_limit(self) -> int | None:
        """The most characters an answer to this text or long-text question may hold;
        ``None`` for other types."""
        if self.type not in TEXT_LIMITS:
            return None
        return self.max_length or TEXT_LIMITS[self.type]


class EvidenceKind(str, Enum):
    document = "document"
    data = "data"
    minutes = "minutes"
    training_records = "training_records"
    budget_records = "budget_records"
    survey = "survey"
    other = "other"


class EvidenceRequirement(_Model):
    """A piece of evidence the standard asks for."""

    id: RecordId
    title: Text
    kind: EvidenceKind = EvidenceKind.document
    description: str | None = None


class Rule(_Model):
    """Expressions deciding a benchmark's status (see docs/rules.md)."""

    met: Text = Field(description="Holds when the benchmark is met.")
    partially_met: str | None = Field(None, description="Holds when it is partially met.")
    applies_when: str | None = Field(
        None, description="When this is false the benchmark is not applicable."
    )


class Benchmark(_Model):
    id: RecordId
    ref: str | None = Field(None, description="Display code, e.g. '1.2'; not a link.")
    title: Text
    description: str | None = None
    weight: float = Field(1.0, gt=0, le=1000, description="Points the benchmark is worth.")
    mandatory_from: RecordId | None = Field(
        None, description="Id of the lowest level at which this benchmark must be met."
    )
    mandatory_source: str | None = Field(
        None, description="Where the choice of mandatory_from (or of none) comes from: a seed, "
        "a programme page, a directive article, or 'choice of this standard' with the reason.")
    applicable: bool = Field(
        True, description="False when an adaptation marks it not applicable."
    )
    allow_not_applicable: bool = Field(
        True, description="False when an institution may not claim that the benchmark does not "
        "apply to it (e.g. a harassment policy applies to every employer).")
    questions: list[Question] = Field(default_factory=list)
    evidence: list[EvidenceRequirement] = Field(default_factory=list)
    rule: Rule
    effort: Literal["low", "medium", "high"] = Field(
        "medium", description="Typical effort to meet it, used to rank gaps."
    )


class Dimension(_Model):
    type: Literal["dimension"] = "dimension"
    id: RecordId
    ref: str | None = None
    title: Text
    description: str | None = None
    results_level: RecordId | None = Field(
        None, description="Id of the programme's results level (see Standard.results_levels) "
        "this dimension serves.")
    source: str | None = Field(
        None, description="Where the dimension comes from (the programme area it maps to).")
    benchmarks: list[Benchmark] = Field(min_length=1)


class Level(_Model):
    id: RecordId
    title: Text
    order: int = Field(description="Rank of the level; higher is better.")
    min_score: float = Field(ge=0, le=100, description="Least overall score, in percent.")
    description: str | None = None
    source: str | None = Field(None, description="Where min_score comes from.")


class ResultsLevel(_Model):
    """One of the levels at which a programme seeks results (the Seal for Public Institutions:
    leadership and political commitment; the public-policy cycle; organisational management):
    a second grouping of the dimensions."""

    id: RecordId
    title: Text
    description: str | None = None
    source: str | None = None


class Parameter(_Model):
    """A named target or setting that rules refer to by name."""

    value: float | int | bool | str
    title: str | None = None
    unit: Literal["share", "number", "text", "flag"] | None = Field(
        None,
        description="'share' values are fractions 0..1 shown as percentages; "
        "inferred from the value when omitted.",
    )
    source: str | None = Field(
        None, description="Where the value comes from: a seed, a programme page, a directive "
        "article, or 'choice of this standard' with the reason.")


class ActionArea(str, Enum):
    """The five areas of an action plan."""

    policy_standards = "policy_standards"
    sensitization = "sensitization"
    capacity_development = "capacity_development"
    monitoring_evaluation = "monitoring_evaluation"
    data_collection = "data_collection"


class Pace(_Model):
    """How fast an indicator can plausibly move: at most ``per_year`` of its units a year
    (percentage points for a percent or points indicator)."""

    per_year: float = Field(gt=0, allow_inf_nan=False)
    source: Text = Field(description="Where the pace comes from: a seed, a programme page, a "
                         "directive article, or 'choice of this standard' with the reason.")


class Refocus(_Model):
    """A move of an indicator the action plan does not propose while a rule holds, because the
    gap lies elsewhere (lowering women's share of all staff while women are under-represented
    in management): the action is set aside and the ``instead`` actions address that gap."""

    direction: Literal["up", "down"] = Field(description="The move not proposed.")
    when: str = Field(description="A rule: while it holds, the move is not proposed.")
    instead: list[RecordId] = Field(default_factory=list,
                                    description="Actions of the library that address the gap.")
    reason: Text = Field(description="Why, in words.")
    source: Text


class Indicator(_Model):
    text: Text
    unit: Literal["percent", "points", "number", "share", "yes_no"] = Field(
        "number", description="'points' are percentage points: a difference of two shares.")
    baseline: float | None = Field(
        None, description="A typical starting value; a measured one from `measure` wins.")
    target: float | None = None
    measure: str | None = Field(
        None,
        description="An expression in the rule language giving the institution's current value "
        "(e.g. metric('women_share', grade='senior')); the action plan uses it as the baseline.",
    )
    pace: Pace | None = Field(
        None, description="The most the indicator can plausibly move in a year: a drafted target "
        "moves no faster, with a milestone each year when it is further away.")
    refocus: Refocus | None = None


class Action(_Model):
    """A recommended action from the standard's action library."""

    id: RecordId
    title: Text
    description: str | None = None
    benchmarks: list[RecordId] = Field(min_length=1, description="Benchmarks it serves.")
    area: ActionArea
    indicator: Indicator | None = None
    means_of_verification: str | None = None
    duration_quarters: int = Field(2, ge=1, le=12)
    effort: Literal["low", "medium", "high"] = "medium"
    resources: str | None = None
    responsible: str | None = None
    capacities: list[str] = Field(
        default_factory=list, description="Capacities needed that institutions often lack."
    )


BasisKind = Literal["benchmarks_met", "weighted_points"]


class Scoring(_Model):
    """How the overall percentage is counted (the *basis* every result names)."""

    basis: BasisKind = Field(
        "benchmarks_met",
        description="'benchmarks_met': the share of applicable benchmarks met, each benchmark "
        "counted once (the Seal's programme basis); 'weighted_points': each benchmark is worth "
        "its weight in points.")
    partial_credit: float = Field(
        0.0, ge=0, le=1, description="Share of a benchmark's credit earned when partially met "
        "(0: partially met shows progress but earns nothing).")
    threshold_operator: Literal[">=", ">"] = Field(
        ">=", description="How the overall score is compared with a level's min_score.")
    source: str | None = Field(None, description="Where this basis comes from.")


class Process(_Model):
    """The programme's stages an institution completes before its certification assessment is
    submitted for external review (the requirements of ``submit`` in
    :mod:`seal_engine.lifecycle`).  By default the Seal's whole process; a pilot running the
    short loop turns stages off here, with its reason in ``source``."""

    commitment: bool = Field(
        True, description="The head's signed letter of commitment and the Gender Equality "
        "Committee's founding act are recorded before the baseline and the application.")
    baseline: bool = Field(
        True, description="A baseline self-assessment is recorded before the application (for a "
        "renewal or moving up, the assessment certified before serves).")
    plan_approval: bool = Field(
        True, description="The baseline's improvement action plan is approved by the head of "
        "the institution or its Gender Equality Committee.")
    minimum_implementation_months: int = Field(
        12, ge=0, le=120, description="Months between the plan's approval and the application.")
    source: str | None = Field(
        "UNDP Gender Equality Seal for Public Institutions, the programme's process: commitment, "
        "baseline self-assessment, improvement action plan, external assessment after 12-18 "
        "months of implementation, certification (seal-engine domain brief, 'Process'); the "
        "minimum is the low end of that range.",
        description="Where these stages and the minimum period come from.")


class ColumnTexts(_Model):
    """A table column's texts in another language."""

    title: str | None = None
    choices: dict[str, str] | None = Field(None, description="choice value -> label.")


class RecordTexts(_Model):
    """One record's texts in another language (a translation file's ``texts.<record id>``):
    only the fields given are translated, the others stay in the standard's language."""

    title: str | None = None
    description: str | None = None
    text: str | None = None
    help: str | None = None
    means_of_verification: str | None = None
    resources: str | None = None
    responsible: str | None = None
    choices: dict[str, str] | None = Field(
        None, description="A question's or an answer scale's choices: value -> label.")
    columns: dict[str, ColumnTexts] | None = Field(
        None, description="A table question's columns: column id -> title and choices.")

    def given(self) -> dict[str, Any]:
        """The fields given (a text left empty counts as not given)."""
        return {k: v for k, v in self.model_dump(exclude_none=True).items() if v != ""}


class StandardRef(_Model):
    id: RecordId
    version: int = Field(ge=1)


class Standard(_Model):
    type: Literal["standard"] = "standard"
    id: RecordId
    version: int = Field(ge=1, description="Bumped on every change.")
    title: Text
    description: str | None = None
    locale: str = "en"
    languages: list[str] = Field(default_factory=lambda: ["en"])
    provider: str | None = None
    publication_date: dt.date | None = None
    validity_years: int | None = Field(None, ge=1, description="How long a certificate holds.")
    certifiable: bool = Field(
        True, description="False for a standard that teaches or rehearses (its steps are not "
        "the Seal's levels): the store issues no certificate on it.")
    extends: StandardRef | None = Field(None, description="The standard this one adapts.")
    scoring: Scoring = Field(default_factory=Scoring)
    process: Process = Field(default_factory=Process,
                             description="The stages required before the application.")
    parameters: dict[RecordId, Parameter] = Field(default_factory=dict)
    answer_scales: list[AnswerScale] = Field(default_factory=list)
    levels: list[Level] = Field(min_length=1)
    results_levels: list[ResultsLevel] = Field(
        default_factory=list, description="The programme's results levels; dimensions point at "
        "them with results_level.")
    dimensions: list[Dimension] = Field(min_length=1)
    actions: list[Action] = Field(default_factory=list)
    not_applicable: list[RecordId] = Field(
        default_factory=list,
        description="In an adaptation: benchmarks of the parent that do not apply.",
    )
    translations: dict[str, dict[RecordId, RecordTexts]] = Field(
        default_factory=dict,
        description="locale -> record id -> field -> text; fields are the texts people read. "
        "The record ids are the standard's own id, its parameters' names and the ids of its "
        "records.  Read from the standard's 'type: translation' files too; translations are "
        "not part of the standard's identity (its content hash).",
    )

    _compiled: Any = PrivateAttr(default=None)  # owned by seal_engine.compilation
    _hash: str | None = PrivateAttr(default=None)
    _index: dict[str, Any] | None = PrivateAttr(default=None)  # benchmark id -> benchmark

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Standard:
        """A copy; it compiles afresh when first used (its content may differ)."""
        copy = super().model_copy(update=update, deep=deep)
        copy._compiled = None
        copy._hash = None
        copy._index = None
        return copy

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled as data: the compiled rules stay behind and the receiving process compiles
        them once (see :mod:`seal_engine.compilation`); the content hash travels along."""
        state = super().__getstate__()
        private = dict(state.get("__pydantic_private__") or {})
        private["_compiled"] = None
        private["_index"] = None
        state["__pydantic_private__"] = private
        return state

    @property
    def ref(self) -> StandardRef:
        return StandardRef(id=self.id, version=self.version)

    def benchmarks(self) -> list[Benchmark]:
        """All benchmarks in order."""
        return [b for d in self.dimensions for b in d.benchmarks]

    def benchmark(self, benchmark_id: str) -> Benchmark:
        """The benchmark with this id; ``KeyError`` if there is none."""
        index = self._index
        if index is None or len(index) != sum(len(d.benchmarks) for d in self.dimensions):
            index = {b.id: b for b in self.benchmarks()}
            self._index = index
        return index[benchmark_id]

    def credit_of(self, b: Benchmark) -> float:
        """What a met benchmark counts for on this standard's basis: 1 on the share of
        benchmarks met (each benchmark once), its weight on weighted points."""
        return b.weight if self.scoring.basis == "weighted_points" else 1.0

    def levels_in_order(self) -> list[Level]:
        return sorted(self.levels, key=lambda lv: lv.order)

    def questions(self) -> dict[str, Question]:
        return {q.id: q for b in self.benchmarks() for q in b.questions}

    def question_choices(self, question: Question | Column) -> list[Choice] | None:
        if question.choices:
            return question.choices
        scale_id = getattr(question, "answer_scale", None)
        if scale_id:
            for scale in self.answer_scales:
                if scale.id == scale_id:
                    return scale.choices
        return None

    def actions_for(self, benchmark_id: str) -> list[Action]:
        return [a for a in self.actions if benchmark_id in a.benchmarks]

    def records(self) -> dict[str, BaseModel]:
        """Every record that has an id: levels, results levels, dimensions, benchmarks,
        questions, evidence requirements, actions and answer scales."""
        out: dict[str, BaseModel] = {}
        for group in (self.levels, self.results_levels, self.answer_scales, self.actions):
            out.update((r.id, r) for r in group)
        for d in self.dimensions:
            out[d.id] = d
            for b in d.benchmarks:
                out[b.id] = b
                out.update((q.id, q) for q in b.questions)
                out.update((e.id, e) for e in b.evidence)
        return out

    def translated(self, locale: str) -> Standard:
        """A copy with the texts of ``translations[locale]`` put in place; each text without a
        translation stays as it is (in the standard's own language).  The copy's rules are
        compiled again when first used, so explanations quote the translated questions."""
        if locale == self.locale or locale not in self.translations:
            return self
        copy = self.model_copy(deep=True)
        records = copy.records()
        for rid, texts in self.translations[locale].items():
            given = texts.given()
            if rid == copy.id:
                target: Any = copy
            elif rid in copy.parameters:
                target = copy.parameters[rid]
            else:
                target = records.get(rid)
            if target is None:
                continue
            for name, value in given.items():
                if name == "choices":
                    _label_choices(target.choices, value)
                elif name == "columns":
                    for col in target.columns or []:
                        ct = value.get(col.id)
                        if ct is None:
                            continue
                        if ct.get("title"):
                            col.title = ct["title"]
                        _label_choices(col.choices, ct.get("choices") or {})
                elif name in type(target).model_fields:
                    setattr(target, name, value)
        copy.locale = locale
        copy._compiled = None
        copy._hash = None
        copy._index = None
        return copy


def _label_choices(choices: list[Choice] | None, labels: dict[str, str]) -> None:
    for c in choices or []:
        if labels.get(c.value):
            c.label = labels[c.value]
