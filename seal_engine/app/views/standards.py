"""Standards: browse a stored standard (levels, dimensions, benchmarks, questions, evidence,
rules in words, actions), and check a standard file: its located errors, or its differences
from the version it extends (or the stored version before it)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from seal_engine import (
    Assessment,
    SealError,
    Standard,
    StandardError,
    benchmark_heading,
    content_hash,
    diff_standards,
    parse_standard,
    render_diff,
    render_message,
    say,
    score,
)
from seal_engine.app.evidence import limit_mb
from seal_engine.app.explain import clause_lines, plain_words
from seal_engine.app.i18n import _, fmt_percent, fmt_points, get_standard, language, ngettext
from seal_engine.app.session import app_store
from seal_engine.app.ui import empty, md, run_page, show_error
from seal_engine.store import Actor, list_assessments, list_stored_standards
from seal_engine.store import get_standard as stored_standard


def _type_name(t: str) -> str:
    return {"yes_no": _("yes / no"), "single_choice": _("one choice"),
            "multiple_choice": _("several choices"), "integer": _("whole number"),
            "number": _("number"), "percent": _("percentage"), "date": _("date"),
            "text": _("text"), "long_text": _("long text"), "table": _("table")}.get(t, t)


def _needs(clauses) -> list:
    """The clauses of a rule scored on an empty assessment, turned into what each condition
    needs: the rule in words."""
    out = []
    for c in clauses:
        text = c.text
        for unknown, needed in ((" is not answered; needs ", ": needs "),
                                (": not answered", ": yes"),
                                (" is missing", " is provided"),
                                (" is not answered", " is answered")):
            text = text.replace(unknown, needed)
        out.append(c.model_copy(update={"text": text, "state": "holds",
                                        "message": _needed(c.message),
                                        "clauses": _needs(c.clauses)}))
    return out


def _is(value, code: str) -> bool:
    return getattr(value, "code", None) == code


def _needed(message):
    """A clause's message (scored on an empty assessment) as what it needs, in any language:
    the words above, as data."""
    if message is None:
        return None
    code, params = message.code, dict(message.params)
    if code == "clause.evidence_missing":
        return say("clause.evidence_provided", **params)
    if code == "clause.not_answered":
        return say("clause.answered", **params)
    if code in ("clause.compare", "clause.compare_detail") and _is(params.get("is"),
                                                                   "value.is_not_answered"):
        return say("clause.yes_no", question=params["subject"],
                   answer=params.get("needs", params.get("detail")))
    if code == "clause.value_is" and _is(params.get("is"), "value.is_not_answered"):
        return say("clause.answered", question=params["subject"])
    if code != "clause.default_decides_because":
        params = {k: say("word.yes") if _is(v, "value.not_answered") else v
                  for k, v in params.items()}
    return message.model_copy(update={"params": params})


_BLANK: dict[str, object] = {}


def _empty_result(standard: Standard):
    """The standard scored on an empty assessment (once per process and content)."""
    key = content_hash(standard)
    if key in _BLANK:
        return _BLANK[key]
    blank = Assessment.model_validate({
        "id": "blank", "standard": {"id": standard.id, "version": standard.version},
        "institution": {"id": "blank", "name": "blank", "country": "blank",
                        "scope": "national"},
        "period": {"start": "2025-01-01", "end": "2025-12-31"}})
    if len(_BLANK) > 16:
        _BLANK.clear()
    _BLANK[key] = score(standard, blank)
    return _BLANK[key]


def _benchmark(standard: Standard, b, blank) -> None:
    levels = {lv.id: lv.title for lv in standard.levels}
    facts = [_("effort {e}").format(e={"low": _("low"), "medium": _("medium"),
                                       "high": _("high")}[b.effort])]
    if standard.scoring.basis == "weighted_points":
        facts.insert(0, ngettext("{n} point", "{n} points", 1 if b.weight == 1 else 2).format(
            n=fmt_points(b.weight)))
    if not b.allow_not_applicable:
        facts.insert(0, _("applies to every institution: it cannot be claimed not applicable"))
    if b.mandatory_from:
        facts.insert(0, _("mandatory from {level}").format(level=levels[b.mandatory_from]))
    if not b.applicable:
        facts.insert(0, _("not applicable in this standard"))
    st.caption(" · ".join(md(f) for f in facts))
    if b.mandatory_source:
        st.caption(md(_("Why it is mandatory from this level (or not): {source}").format(
            source=b.mandatory_source)))
    if b.description:
        st.markdown(md(b.description))
    if b.questions:
        st.markdown(f"**{_('Questions')}**")
        for q in b.questions:
            choices = standard.question_choices(q) or []
            extra = ""
            if choices:
                extra = " — " + "; ".join(c.label or c.value for c in choices)
            elif q.columns:
                extra = " — " + _("columns: {list}").format(
                    list=", ".join(c.title or c.id for c in q.columns))
            st.markdown(f"- {md(q.text)} *({_type_name(q.type.value)})*{md(extra)}")
            if q.help:  # how to answer it, as the questionnaire shows it under the question
                st.caption(f":material/info: {md(q.help)}")
    if b.evidence:
        st.markdown(f"**{_('Evidence asked for')}**")
        for e in b.evidence:  # each with the standard's examples of what is acceptable
            st.markdown(f"- {md(e.title)}")
            if e.description:
                st.caption(md(e.description))
    st.markdown(f"**{_('Met when')}**")
    r = blank.benchmark(b.id)
    st.markdown("\n".join(clause_lines(_needs(r.clauses), standard=standard))
                or md(b.rule.met))
    if r.partial_clauses:
        st.markdown(f"**{_('Partly met when')}**")
        st.markdown("\n".join(clause_lines(_needs(r.partial_clauses), standard=standard)))
    with st.popover(_("The rule as written"), icon=":material/code:"):
        st.code(b.rule.met, language="python", wrap_lines=True)
        if b.rule.partially_met:
            st.code(b.rule.partially_met, language="python", wrap_lines=True)
    actions = standard.actions_for(b.id)
    if actions:
        st.markdown(f"**{_('Recommended actions')}**")
        for a in actions:
            st.markdown(f"- {md(a.title)}" + (f": {md(a.description)}" if a.description
                                               else ""))


def _browse(standard: Standard) -> None:
    st.markdown(f"### {md(standard.title)} · v{standard.version}")
    facts = [standard.provider or "", _("valid {n} years").format(n=standard.validity_years)
             if standard.validity_years else ""]
    st.caption(" · ".join(md(f) for f in facts if f))
    if standard.description:
        st.markdown(md(standard.description))
    if not standard.certifiable:
        st.info(_("A teaching standard: its steps are not the Seal's levels and no certificate "
                  "is issued on it."), icon=":material/school:")
    sc = standard.scoring
    st.markdown(md(_("How the score is counted: {basis}").format(basis=(
        _("the share of applicable benchmarks met, each benchmark counted once")
        if sc.basis == "benchmarks_met" else _("weighted points, each benchmark worth its "
                                                "weight")))
        + _("; ") + (_("partially met earns no credit") if not sc.partial_credit else
                  _("partially met earns {share} of the credit").format(
                      share=fmt_percent(sc.partial_credit * 100)))
        + _("; ") + (_("a level needs more than its threshold and every benchmark mandatory up "
                    "to it met") if sc.threshold_operator == ">"
                  else _("a level needs at least its threshold and every benchmark mandatory "
                         "up to it met")) + "."))
    if sc.source:
        st.caption(md(_("Source: {source}").format(source=sc.source)))
    st.table(pd.DataFrame([{
        _("Level"): lv.title,
        _("Least score"): fmt_percent(lv.min_score),
        _("Mandatory benchmarks"): sum(1 for b in standard.benchmarks()
                                       if b.mandatory_from == lv.id),
        _("Source"): lv.source or "",
    } for lv in standard.levels_in_order()]), hide_index=True)
    if standard.results_levels:  # a table: the dimensions' titles wrap instead of being cut
        st.table(pd.DataFrame([{
            _("Results level"): rl.title,
            _("Dimensions"): ", ".join(d.title for d in standard.dimensions
                                       if d.results_level == rl.id),
        } for rl in standard.results_levels]), hide_index=True)
    if standard.parameters:
        with st.expander(_("Targets and settings, with their sources ({n})").format(
                n=len(standard.parameters))):
            st.dataframe(pd.DataFrame([{
                _("Parameter"): p.title or name,
                _("Value"): fmt_percent(p.value * 100) if p.unit == "share" and isinstance(
                    p.value, (int, float)) else str(p.value),
                _("Source"): plain_words(standard).text(p.source) if p.source
                else _("(no source given)"),
            } for name, p in standard.parameters.items()]), hide_index=True, width="stretch")
    blank = _empty_result(standard)
    dims = {d.id: d for d in standard.dimensions}
    chosen = st.selectbox(_("Dimension"), list(dims), key=f"sd:{standard.id}",
                          format_func=lambda d: f"{dims[d].ref + '. ' if dims[d].ref else ''}"
                          f"{dims[d].title} ({len(dims[d].benchmarks)})")
    d = dims[chosen]
    if d.description:
        st.caption(md(d.description))
    for b in d.benchmarks:
        with st.expander(md(benchmark_heading(b))):
            _benchmark(standard, b, blank)


def _problems(error: SealError) -> pd.DataFrame:
    return pd.DataFrame([{
        _("File"): p.file or "",
        _("Line"): p.line if p.line is not None else "",
        _("Column"): p.column if p.column is not None else "",
        _("Record"): p.record_id or "",
        _("Field"): p.field or "",
        _("What is wrong"): render_message(p.text, lang=language()),
    } for p in error.problems])


def _check(store, infos) -> None:
    st.markdown(_("Upload a standard file (YAML or JSON), or every file of a standard folder "
                  "at once, to check it before it is added. Nothing is stored."))
    uploads = st.file_uploader(_("Standard files"), type=["yaml", "yml", "json"],
                               accept_multiple_files=True, key="std_upload",
                               max_upload_size=limit_mb("SEAL_MAX_FILE_BYTES"))
    if not uploads:
        return
    # as parsed from their files (a parent is extended from its source, not from a translation)
    stored = [stored_standard(store, i.id, i.version) for i in infos]
    try:
        texts = {u.name: u.getvalue().decode("utf-8") for u in uploads}
    except UnicodeDecodeError:
        st.error(_("The files must be UTF-8 text."))
        return
    try:
        if len(texts) == 1:
            (name, text), = texts.items()
            new = parse_standard(text, name, parents=stored)
        else:
            new = parse_standard(texts, _("the uploaded folder"), parents=stored)
    except StandardError as e:
        st.error(ngettext("The standard has {n} error. Fix it and upload it again:",
                          "The standard has {n} errors. Fix them and upload it again:",
                          len(e.problems)).format(n=len(e.problems)))
        st.table(_problems(e), hide_index=True)
        return
    except SealError as e:
        show_error(e)
        return
    st.success(_("{title} v{version} is valid: {d} dimensions, {b} benchmarks, {a} "
                 "actions.").format(title=new.title, version=new.version,
                                    d=len(new.dimensions), b=len(new.benchmarks()),
                                    a=len(new.actions)))
    base = None
    if new.extends is not None:
        base = next((s for s in stored if (s.id, s.version) == (new.extends.id,
                                                                  new.extends.version)), None)
        label = _("Differences from the standard it extends, {id} v{version}").format(
            id=new.extends.id, version=new.extends.version)
    else:
        older = sorted((s for s in stored if s.id == new.id and s.version != new.version),
                       key=lambda s: s.version)
        base = older[-1] if older else None
        label = _("Differences from the stored version {version}").format(
            version=base.version) if base else ""
    if base is None:
        st.caption(_("No earlier version of this standard is stored to compare it with."))
        return
    d = diff_standards(base, new)
    st.subheader(label)
    if d.empty:
        st.info(_("No differences in benchmarks, levels, parameters or scoring."))
        return
    cols = st.columns(3)
    cols[0].metric(_("Benchmarks added"), len(d.added))
    cols[1].metric(_("Benchmarks removed"), len(d.removed))
    cols[2].metric(_("Changes"), len(d.changed))
    st.code(render_diff(d, "text", lang=language()), language=None, wrap_lines=True)


def _changes(store, standard: Standard, infos) -> None:
    """What changed from the stored version before this one, if any."""
    older = sorted((i for i in infos if i.id == standard.id and i.version < standard.version),
                   key=lambda i: i.version)
    if not older:
        return
    base = get_standard(store, standard.id, older[-1].version)
    d = diff_standards(base, standard)
    with st.expander(_("What changed from version {version}").format(version=base.version)):
        if d.empty:
            st.caption(_("No differences in benchmarks, levels, parameters or scoring."))
        else:
            st.code(render_diff(d, "text", lang=language()), language=None, wrap_lines=True)


def render(user: Actor) -> None:
    store = app_store()
    st.title(_("Standards"))
    infos = list_stored_standards(store)
    browse, check = st.tabs([_("Browse"), _("Check a standard file")], key="std_tabs")
    with browse:
        if not infos:
            empty(_("No standard is stored yet. An administrator adds them with seal db "
                    "import."))
        else:
            labels = {i: f"{get_standard(store, s.id, s.version).title} · v{s.version}"
                      for i, s in enumerate(infos)}
            used = Counter((a.standard_id, a.standard_version)
                           for a in list_assessments(store, user))
            first = max(labels, key=lambda i: used.get((infos[i].id, infos[i].version), 0))
            i = st.selectbox(_("Standard"), list(labels), format_func=labels.get,
                             key="std_pick", index=first)
            chosen = get_standard(store, infos[i].id, infos[i].version)
            _browse(chosen)
            _changes(store, chosen, infos)
    with check:
        _check(store, infos)


if __name__ == "__main__":
    run_page(render)
