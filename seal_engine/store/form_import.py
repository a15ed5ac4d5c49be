"""Answers from a field-form export or a filled-in questionnaire workbook, into the store.

:func:`preview_form_import` reads the file, finds the assessment each submission is for (the one
named by the caller, or by institution code and period, given or read from the form), checks
that the form is of the assessment's standard and version, and lists what would change:
each answer with its value now and its value after.  Nothing is written.
:func:`apply_form_import` writes the previewed changes through
:func:`seal_engine.store.save_answers`, the service that saves typed answers: in one
transaction, each answer checked, versioned and audited; an answer changed by someone since
the preview refuses the whole import.  Only the institution's focal points (or the command
line) import answers.  Every problem, in the file or in matching it to the store, is located by
file, sheet, row and column, and nothing is written unless the whole file is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import NotFoundError, Problem
from ..forms.dialects import SubmissionError, read_export
from ..forms.submissions import Submission, Where, export_standard, read_submissions
from ..messages import Ids, Message, say
from ._baseline import baseline_answers
from ._common import assessment_row, denied, refresh, state_word
from .assessments import (
    AnswerWrite,
    find_assessment,
    get_assessment,
    list_assessments,
    save_answers,
)
from .standards import get_standard, standard_by_pk

__all__ = ["AnswerChange", "FormImportPreview", "apply_form_import", "preview_form_import"]


@dataclass(frozen=True)
class AnswerChange:
    """One answer the import changes: of which assessment, its value now (``None``: not
    answered) and after, the version read, and where in the file it comes from."""

    assessment_id: str
    assessment_code: str
    question_id: str
    old: Any
    new: Any
    expected_version: int
    where: Message  # the place in the file (its sheet, row, column), rendered where shown


@dataclass(frozen=True)
class FormImportPreview:
    """What an import would do: the file's kind (``dialect``: a form export's, or
    ``workbook``), the form's standard, the submissions (or sheets) read, the answers it
    changes and those it leaves as they are, the earlier versions of edited submissions it
    skips, and warnings."""

    source: str
    dialect: str
    standard: str
    submissions: int
    changes: list[AnswerChange] = field(default_factory=list)
    unchanged: int = 0
    replaced: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def assessments(self) -> list[str]:
        return sorted({c.assessment_code for c in self.changes})


def _may_import(actor, target) -> None:
    """Only the institution's focal points (or the command line) put answers in."""
    if not (actor.is_system or target.institution_id in actor.institutions):
        raise denied(actor, say("store.do.import_answers", code=target.code))


def _targets(store, actor, subs: list[Submission], *, assessment_id: str | None,
             institution: str | None, period: str | None, problems: list[Problem]):
    """Submission -> the summary of the assessment it is for."""
    out = {}
    if assessment_id is not None:
        target = find_assessment(store, actor, assessment_id)
        _may_import(actor, target)
        if not _editable(target.state):
            problems.append(subs[0].where.problem(
                say("store.import_not_editable", code=target.code,
                    state=state_word(target.state))) if subs else Problem(
                say("store.import_state", code=target.code, state=state_word(target.state))))
        for s in subs:
            for attr, mine in (("institution", target.institution_code),
                               ("period", target.period_label)):
                said = getattr(s, attr)
                if said and mine and said.strip().lower() != mine.strip().lower():
                    problems.append(s.where.problem(say(
                        f"forms.other_{attr}", said=repr(said), mine=repr(mine),
                        code=target.code)))
            out[id(s)] = target
        return out
    mine = [a for a in list_assessments(store, actor)
            if actor.is_system or a.institution_id in actor.institutions]
    for s in subs:
        code = institution or s.institution
        when = period or s.period
        if not code or not when:
            problems.append(s.where.problem(say("forms.says_no_assessment")))
            continue
        found = [a for a in mine if a.institution_code.lower() == code.strip().lower()
                 and when.strip() in (a.period_label, str(a.period_end.year), a.code)]
        editable = [a for a in found if _editable(a.state)]
        if len(editable) == 1:
            out[id(s)] = editable[0]
        elif not found:
            problems.append(s.where.problem(say(
                "forms.no_assessment", code=repr(code), when=repr(when))))
        elif not editable:
            problems.append(s.where.problem(say(
                "forms.assessment_closed", code=repr(code), when=repr(when),
                assessment=found[0].code, state=state_word(found[0].state))))
        else:
            problems.append(s.where.problem(say(
                "forms.assessments_open", count=len(editable), code=repr(code), when=repr(when),
                codes=Ids(items=[a.code for a in editable]))))
    return out


def _editable(state: str) -> bool:
    from ..lifecycle import can_edit

    return can_edit(state)


def preview_form_import(store, actor, content: bytes, name: str, *,
                   assessment_id: str | None = None, institution: str | None = None,
                   period: str | None = None) -> FormImportPreview:
    """What importing the form export ``content`` (file ``name``) would change; raises
    :class:`~seal_engine.forms.SubmissionError` with every problem found.  Nothing is
    written."""
    from ..forms.workbook import is_questionnaire

    if is_questionnaire(content):
        return _preview_workbook(store, actor, content, name, assessment_id=assessment_id,
                                 institution=institution, period=period)
    export = read_export(content, name)
    tag, problems = export_standard(export)
    std_id = version = None
    if tag is not None:
        std_id, _at, v = tag.rpartition("@")
        version = int(v) if v.isdigit() else None
        if not std_id or version is None:
            raise SubmissionError(export.main.problem(
                say("store.export_tag", tag=tag), export.main.header_row))
    elif assessment_id is None and not (institution and period):
        raise SubmissionError(export.main.problem(say("store.export_no_tag"),
                                                  export.main.header_row))
    if std_id is None:  # the assessment's standard, found from the options
        probe = Submission(None, Where(export.main, export.main.header_row, None),
                           institution, period)
        first = _targets(store, actor, [probe], assessment_id=assessment_id,
                         institution=institution, period=period, problems=problems)
        if problems:
            raise SubmissionError(problems)
        target = first[id(probe)]
        std_id, version = target.standard_id, target.standard_version
    try:
        standard = get_standard(store, std_id, version)
    except NotFoundError:
        t = export.main
        row = next((r for r, _c in t.rows), t.header_row)
        raise SubmissionError(t.problem(
            say("store.export_version", standard=std_id, version=version), row,
            t.header.index("seal_standard") if "seal_standard" in t.header else None)) from None
    _form_version(export, standard, problems)
    if problems:
        raise SubmissionError(problems)
    found = read_submissions(export, standard)
    targets = _targets(store, actor, found.submissions, assessment_id=assessment_id,
                       institution=institution, period=period, problems=problems)
    taken: dict[str, Submission] = {}
    for s in found.submissions:
        a = targets.get(id(s))
        if a is None:
            continue
        if (a.standard_id, a.standard_version) != (standard.id, standard.version):
            problems.append(s.where.problem(say(
                "forms.form_of_other_version", id=standard.id, version=standard.version,
                code=a.code, want_id=a.standard_id, want_version=a.standard_version)))
        elif a.id in taken:
            problems.append(s.where.problem(say(
                "forms.two_for_one", code=a.code, where=taken[a.id].where.message())))
        else:
            taken[a.id] = s
    if problems:
        raise SubmissionError(problems)
    changes: list[AnswerChange] = []
    unchanged = 0
    for aid, s in taken.items():
        info = get_assessment(store, actor, aid)
        for qid, new in s.answers.items():
            stored = info.answers.get(qid)
            old = stored.value if stored else None
            if _same(old, new):
                unchanged += 1
                continue
            changes.append(AnswerChange(aid, info.code, qid, old, new,
                                        stored.version if stored else 0,
                                        s.located.get(qid, s.where).place()))
    _from_baseline(store, actor, changes, name)
    return FormImportPreview(found.source, found.dialect, f"{standard.id}@{standard.version}",
                         len(found.submissions), changes, unchanged, found.replaced,
                         found.warnings)


def _from_baseline(store, actor, changes: list[AnswerChange], name: str) -> None:
    """Refuse, located, an answer the assessment takes from its stored baseline (the store
    would refuse it when saving; here it is named with its place in the file)."""
    problems = []
    with store.read() as conn:
        actor = refresh(conn, actor)
        for aid in sorted({c.assessment_id for c in changes}):
            row = assessment_row(conn, actor, aid)
            base, taken = baseline_answers(conn, row, standard_by_pk(conn, row.standard_pk))
            for c in changes:
                if c.assessment_id == aid and c.question_id in taken and c.new is not None:
                    problems.append(Problem(
                        say("store.import_from_baseline", question=c.question_id,
                            baseline=base.code, value=repr(taken[c.question_id]),
                            where=c.where), file=name, record_id=c.question_id))
    if problems:
        raise SubmissionError(problems)


def _same(old: Any, new: Any) -> bool:
    """Equal answers; the choices of a multiple choice in any order (the order in which they
    were ticked means nothing)."""
    if isinstance(old, list) and isinstance(new, list) and all(
            isinstance(v, str) for v in old + new):
        return sorted(old) == sorted(new)
    return old == new


def _preview_workbook(store, actor, content: bytes, name: str, *, assessment_id, institution,
                      period) -> FormImportPreview:
    """The changes a filled-in questionnaire workbook makes.  A workbook filled in from an
    assessment (it names it) goes back to that assessment, and a cell left empty there
    clears the answer; a blank questionnaire's empty cells change nothing."""
    from ..forms.workbook import questionnaire_meta, read_questionnaire

    meta = questionnaire_meta(content) or {}
    named = str(meta.get("assessment") or "") or None
    version = meta.get("version")
    version = int(version) if isinstance(version, (int, float)) or str(version).isdigit() else 0
    anchor = Problem("", file=name, field="sheet 'seal'")
    if assessment_id is None and named and not (institution or period):
        assessment_id = named
    problems: list[Problem] = []
    if assessment_id is None and not (institution and period):
        raise SubmissionError(Problem(say("store.questionnaire_unnamed"), file=name))
    target = _target(store, actor, assessment_id, institution, period, problems, name)
    if problems:
        raise SubmissionError(problems)
    if named and named != target.code:
        raise SubmissionError(Problem(
            say("store.questionnaire_other", named=named, code=target.code),
            file=anchor.file, field=anchor.field))
    std_id = str(meta.get("standard") or "")
    if (target.standard_id, target.standard_version) != (std_id, version):
        raise SubmissionError(Problem(
            say("store.questionnaire_version", standard=std_id, version=version,
                code=target.code, target=target.standard_id,
                target_version=target.standard_version),
            file=anchor.file, field=anchor.field))
    standard = get_standard(store, target.standard_id, target.standard_version)
    found = read_questionnaire(content, name, standard)
    info = get_assessment(store, actor, target.id)
    changes: list[AnswerChange] = []
    unchanged = 0
    wanted = dict(found.answers)
    if found.assessment:
        wanted.update({qid: None for qid in found.empty})
    for qid, new in wanted.items():
        stored = info.answers.get(qid)
        old = stored.value if stored else None
        if _same(old, new):
            unchanged += 1
            continue
        where = found.located.get(qid) or found.empty.get(qid) or say("forms.at.file")
        changes.append(AnswerChange(target.id, info.code, qid, old, new,
                                    stored.version if stored else 0, where))
    _from_baseline(store, actor, changes, name)
    return FormImportPreview(name, "workbook", f"{standard.id}@{standard.version}", 1, changes,
                         unchanged)


def _target(store, actor, assessment_id, institution, period, problems, name):
    if assessment_id is not None:
        found = find_assessment(store, actor, assessment_id)
        _may_import(actor, found)
        if not _editable(found.state):
            problems.append(Problem(
                say("store.import_not_editable", code=found.code,
                    state=state_word(found.state)), file=name))
        return found
    mine = [a for a in list_assessments(store, actor)
            if actor.is_system or a.institution_id in actor.institutions]
    found = [a for a in mine if a.institution_code.lower() == institution.strip().lower()
             and period.strip() in (a.period_label, str(a.period_end.year), a.code)
             and _editable(a.state)]
    if len(found) != 1:
        problems.append(Problem(say("store.open_assessments", count=len(found),
                                    institution=institution, period=period), file=name))
        return None
    return found[0]


def _form_version(export, standard, problems: list[Problem]) -> None:
    """ODK Central's FormVersion column, when there, must be the standard's version."""
    t = export.main
    if "FormVersion" not in t.header:
        return
    i = t.header.index("FormVersion")
    for row_no, cells in t.rows:
        v = cells[i] if i < len(cells) else None
        if v not in (None, "") and str(v).strip() != str(standard.version):
            problems.append(t.problem(
                f"submitted with form version {v!r}; the assessment's standard "
                f"{standard.id} is version {standard.version}: fill in the form of that "
                "version", row_no, i))


def apply_form_import(store, actor, preview: FormImportPreview) -> dict[tuple[str, str], int]:
    """Write the previewed changes (all or none); an answer changed since the preview
    refuses the whole import (:class:`~seal_engine.StaleWriteError`)."""
    writes = [AnswerWrite(c.assessment_id, c.question_id, c.new, c.expected_version)
              for c in preview.changes]
    if not writes:
        return {}
    return save_answers(store, actor, writes,
                           source=f"{preview.dialect}:{preview.source.rsplit('/', 1)[-1]}")
