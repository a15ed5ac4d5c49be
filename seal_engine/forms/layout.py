"""The shape of the field form the engine generates for a standard: every field with the
groups around it, the repeats (table questions) and their fields, and the names an export of
that form gives each of them.

The XLSForm writer (:mod:`.xlsform`) and the submission reader (:mod:`.submissions`) both work
from this one layout, so that columns of an export are matched against the names the form
itself gave them, never by splitting a header (ids hold '-' and '.', which are also the
separators of ODK Central and Kobo exports).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..models import Column, Question, QuestionType, Standard

__all__ = ["FormField", "FormLayout", "Repeat", "STANDARD_FIELD", "form_layout", "xlsform_type"]

#: The hidden field every generated form carries: ``<standard id>@<version>``, so that an
#: export says which standard and version it was filled in against.
STANDARD_FIELD = "seal_standard"
#: The two fields naming what a submission is about (optional when the import is told).
INSTITUTION_FIELD = "seal_institution"
PERIOD_FIELD = "seal_period"

_TYPES = {
    QuestionType.yes_no: "select_one",
    QuestionType.single_choice: "select_one",
    QuestionType.multiple_choice: "select_multiple",
    QuestionType.integer: "integer",
    QuestionType.number: "decimal",
    QuestionType.percent: "decimal",
    QuestionType.date: "date",
    QuestionType.text: "text",
    QuestionType.long_text: "text",
}


def xlsform_type(t: QuestionType) -> str:
    """The XLSForm type of a question type (without its choice list); a table is a repeat."""
    return "begin_repeat" if t is QuestionType.table else _TYPES[t]


@dataclass(frozen=True)
class FormField:
    """One field of the form: ``name`` in the form, ``groups`` the names of the groups (and
    the repeat) around it from the top, the question (and column, inside a repeat) it
    answers, and its choice values."""

    name: str
    groups: tuple[str, ...]
    question: Question
    column: Column | None
    choices: tuple[str, ...]

    @property
    def type(self) -> QuestionType:
        return self.column.type if self.column is not None else self.question.type

    @property
    def multiple(self) -> bool:
        return self.type is QuestionType.multiple_choice

    @property
    def key(self) -> str:
        """The column's id inside a repeat, the question's id outside one."""
        return self.column.id if self.column is not None else self.question.id

    def headers(self, sep: str, within: tuple[str, ...] = ()) -> list[str]:
        """The headers an export may give this field: the full group path joined with
        ``sep``, the path below the repeat ``within`` (if any), and the bare name (exports
        without group names in headers)."""
        out = [sep.join((*self.groups, self.name))]
        if within and self.groups[:len(within)] == within:
            out.append(sep.join((*self.groups[len(within):], self.name)))
        out.append(self.name)
        return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Repeat:
    """A repeat of the form: a table question, its name and groups, and its fields."""

    name: str
    groups: tuple[str, ...]
    question: Question
    fields: tuple[FormField, ...]

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.groups, self.name)


@dataclass(frozen=True)
class FormLayout:
    """Every field and repeat of the form generated for ``standard``."""

    standard: Standard
    fields: tuple[FormField, ...]  # outside repeats
    repeats: tuple[Repeat, ...]
    benchmark_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        return f"{self.standard.id}@{self.standard.version}"

    @cached_property
    def repeat_by_name(self) -> dict[str, Repeat]:
        return {r.name: r for r in self.repeats}


def _choices(standard: Standard, q: Question | Column) -> tuple[str, ...]:
    if q.type is QuestionType.yes_no:
        return ("yes", "no")
    return tuple(c.value for c in standard.question_choices(q) or [])


def form_layout(standard: Standard) -> FormLayout:
    """The layout of the form generated for ``standard``: a group per dimension holding a
    group per benchmark holding its questions; a table question is a repeat whose fields are
    named ``<question id>.<column id>`` (names are unique in the whole form)."""
    fields: list[FormField] = []
    repeats: list[Repeat] = []
    groups: dict[str, tuple[str, ...]] = {}
    for d in standard.dimensions:
        for b in d.benchmarks:
            path = (d.id, b.id)
            groups[b.id] = path
            for q in b.questions:
                if q.type is QuestionType.table:
                    inner = tuple(FormField(f"{q.id}.{c.id}", (*path, q.id), q, c,
                                            _choices(standard, c)) for c in q.columns or [])
                    repeats.append(Repeat(q.id, path, q, inner))
                else:
                    fields.append(FormField(q.id, path, q, None, _choices(standard, q)))
    return FormLayout(standard, tuple(fields), tuple(repeats), groups)
