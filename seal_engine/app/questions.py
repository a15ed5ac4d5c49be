"""The questionnaire's widgets, one per question type, saving each answer to the store as it
is entered.

Every widget is seeded from the database, never from a value kept only in the browser: when
the stored answer's version differs from the one this session last saw (first time, another
editor, a reload), the widget takes the stored value.  A change is saved in the widget's
callback, naming the version read, so a second editor's change is never overwritten silently:
the store refuses a stale write, the message says who changed it and when, and the widget shows
their answer.  Table questions are ``st.data_editor`` grids saved when the returned table
differs from what was last saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from seal_engine import SealError, Standard, render_message
from seal_engine.store import Actor, AssessmentInfo, StaleWriteError, save_answer

from .i18n import _, fmt_number, language
from .session import app_store
from .ui import md

__all__ = ["NEAR_LIMIT", "guidance", "length_note", "question_widget", "unsaved_guard"]

_RADIO_MAX = 5


def _key(aid: str, qid: str, kind: str = "q") -> str:
    return f"{kind}:{aid}:{qid}"


def _label(q) -> str:
    unit = " (%)" if q.type.value == "percent" else (f" ({q.unit})" if q.unit else "")
    if unit and unit.strip() in q.text:  # "Women (%)" is not written "Women (%) (%)"
        unit = ""
    required = "" if q.required else " " + _("(optional)")
    return f"{q.text}{unit}{required}"


def _to_widget(q, value: Any) -> Any:
    """A stored answer as the widget of its type holds it."""
    t = q.type.value
    if value is None:
        return [] if t == "multiple_choice" else None
    if t == "yes_no":
        if isinstance(value, str):
            value = value.strip().lower() == "yes"
        return "yes" if value else "no"
    if t == "multiple_choice":
        return list(value) if isinstance(value, list) else []
    if t == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    if t == "percent" and isinstance(value, str):
        try:
            return float(value.strip().rstrip("%").strip())
        except ValueError:
            return None
    return value


def _from_widget(q, value: Any, standard: Standard) -> Any:
    """What the widget holds as the answer to store (``None``: not answered)."""
    t = q.type.value
    if value is None:
        return None
    if t == "yes_no":
        return value == "yes"
    if t == "multiple_choice":
        order = [c.value for c in standard.question_choices(q) or []]
        chosen = [v for v in order if v in value]
        return chosen or None
    if t == "integer":
        return int(value)
    if t in ("number", "percent"):
        number = float(value)
        return int(number) if number.is_integer() else number
    if t in ("text", "long_text"):
        return value.strip() or None
    return value


def _versions() -> dict[str, int]:
    """The version of each answer the widgets were seeded with, in one entry of the session's
    state: Streamlit goes through the whole state for every widget it makes, so one entry per
    question would cost every widget of the page."""
    return st.session_state.setdefault("_answer_versions", {})


def _save(aid: str, qid: str, standard: Standard, user: Actor) -> None:
    """The widget's callback: save what it holds, or say why it was not saved."""
    q = standard.questions()[qid]
    key, vkey, ekey = _key(aid, qid), _key(aid, qid, "v"), _key(aid, qid, "e")
    st.session_state.pop(ekey, None)
    try:
        value = _from_widget(q, st.session_state.get(key), standard)
        _versions()[vkey] = save_answer(app_store(), user, aid, qid, value,
                                        _versions().get(vkey, 0))
        st.session_state["_last_saved"] = dt.datetime.now(dt.UTC)
    except StaleWriteError as e:
        st.session_state[ekey] = _("Not saved: {why} The field now shows the saved answer.") \
            .format(why=render_message(e.problems[0].text, lang=language()))
        _versions().pop(vkey, None)  # reseeded from the database on this rerun
    except SealError as e:
        st.session_state[ekey] = _("Not saved: {why}").format(
            why="; ".join(render_message(p.text, lang=language()) for p in e.problems))
    except Exception:  # noqa: BLE001 - shown, never a traceback
        st.session_state[ekey] = _("Not saved: the database did not answer. Try again in a "
                                   "moment.")


def _seed(aid: str, q, info: AssessmentInfo) -> None:
    stored = info.answers.get(q.id)
    version = stored.version if stored else 0
    vkey, key = _key(aid, q.id, "v"), _key(aid, q.id)
    if _versions().get(vkey) != version or key not in st.session_state:
        st.session_state[key] = _to_widget(q, stored.value if stored else None)
        _versions()[vkey] = version


def question_widget(standard: Standard, info: AssessmentInfo, q, user: Actor, *,
                    editable: bool) -> None:
    """The widget of question ``q``, saving as the user answers (when ``editable``)."""
    aid = info.id
    if q.type.value == "table":
        _table(standard, info, q, user, editable=editable)
        return
    _seed(aid, q, info)
    key = _key(aid, q.id)
    common = {"key": key, "disabled": not editable, "on_change": _save,
              "args": (aid, q.id, standard, user)}
    label = _label(q)
    t = q.type.value
    if t == "yes_no":
        st.segmented_control(label, ["yes", "no"], format_func=lambda v: {"yes": _("Yes"),
                                                                        "no": _("No")}[v],
                             **common)
    elif t == "single_choice":
        choices = standard.question_choices(q) or []
        labels = {c.value: c.label or c.value for c in choices}
        options = list(labels)
        if len(options) <= _RADIO_MAX:
            st.radio(label, options, index=None, format_func=labels.get, **common)
        else:
            st.selectbox(label, options, index=None, format_func=labels.get,
                         placeholder=_("Choose one"), **common)
    elif t == "multiple_choice":
        choices = standard.question_choices(q) or []
        labels = {c.value: c.label or c.value for c in choices}
        st.pills(label, list(labels), selection_mode="multi", format_func=labels.get,
                 **common)
    elif t == "integer":
        st.number_input(label, min_value=_bound(q.min), max_value=_bound(q.max), step=1,
                        value=None, placeholder=_("A whole number"), **common)
    elif t == "number":
        st.number_input(label, min_value=_bound(q.min, float), max_value=_bound(q.max, float),
                        value=None, placeholder=_("A number"), **common)
    elif t == "percent":
        lo = 0.0 if q.min is None else float(q.min)
        hi = 100.0 if q.max is None else float(q.max)
        st.number_input(label, min_value=lo, max_value=hi, step=1.0, format="%.1f",
                        value=None, placeholder=_("0 to 100"), **common)
    elif t == "date":
        st.date_input(label, value=None, format="DD/MM/YYYY", min_value=dt.date(1990, 1, 1),
                      max_value=dt.date(2100, 12, 31), **common)
    elif t == "long_text":
        # no max_chars: the browser would drop a paste that does not fit without a word; the
        # store refuses a text over the limit, saying so, and the box keeps it to shorten
        st.text_area(label, value=None, placeholder=_("Your answer: several paragraphs are "
                                                      "fine"), height=220, **common)
    else:
        st.text_input(label, value=None, placeholder=_("Your answer"), live="300ms", **common)
    if t in ("text", "long_text"):
        _length(aid, q, editable=editable)
    _feedback(aid, q)


#: From this share of its limit on, a text answer shows how long it is.
NEAR_LIMIT = 0.8


def length_note(length: int, limit: int) -> tuple[str, str] | None:
    """What a text of ``length`` characters says about its ``limit``: ``(kind, words)``, kind
    ``over`` (refused), ``near`` (from :data:`NEAR_LIMIT` of it on), or ``None`` when it is
    far below."""
    if length > limit:
        return "over", _("{n} of at most {limit} characters: shorten it by {over} to save it.") \
            .format(n=fmt_number(length), limit=fmt_number(limit), over=fmt_number(length - limit))
    if length >= NEAR_LIMIT * limit:
        return "near", _("{n} of at most {limit} characters.").format(
            n=fmt_number(length), limit=fmt_number(limit))
    return None


def _length(aid: str, q, *, editable: bool) -> None:
    """The text's length once it nears its limit (what the browser sent last: for a long text,
    when the field is left or Ctrl+Enter pressed)."""
    limit = q.text_limit
    value = st.session_state.get(_key(aid, q.id)) or ""
    note = length_note(len(value), limit) if limit and editable else None
    if note is not None and note[0] == "near":
        st.caption(note[1])
    elif note is not None and not st.session_state.get(_key(aid, q.id, "e")):
        st.warning(note[1], icon=":material/warning:")
    if editable and q.type.value == "long_text":
        st.caption(_("Saved when you leave the field or press Ctrl+Enter; the page warns you "
                     "before you leave it with text not yet saved."))


def unsaved_guard() -> None:
    """Load, once per page, the script warning before the page is left while a text field
    holds typing not yet sent to the app (a long text is sent when the field is left)."""
    from .server import UNSAVED_JS

    st.html(f'<script src="{UNSAVED_JS}"></script>', unsafe_allow_javascript=True)


def _bound(value: float | None, kind=int) -> Any:
    if value is None:
        return None
    return kind(value) if kind is float or float(value).is_integer() else float(value)


def guidance(q) -> None:
    """The standard's help on how to answer ``q``, in full under it (never only in a tooltip:
    it tells what counts, which period and where the figure is, a few sentences long)."""
    if q.help:
        st.caption(f":material/info: {md(q.help)}")


def _feedback(aid: str, q, *, with_help: bool = True) -> None:
    if with_help:
        guidance(q)
    err = st.session_state.get(_key(aid, q.id, "e"))
    if err:
        st.error(md(err), icon=":material/error:")


# ------------------------------------------------------------------------------ tables


def _column_config(standard: Standard, q) -> dict:
    config = {}
    for c in q.columns or []:
        title = c.title or c.id
        t = c.type.value
        if t in ("integer", "number", "percent"):
            lo, hi = c.min, c.max
            if t == "percent":
                lo, hi = (0 if lo is None else lo), (100 if hi is None else hi)
                title += "" if "(%)" in title else " (%)"
            elif c.unit:
                title += f" ({c.unit})"
            config[c.id] = st.column_config.NumberColumn(
                title, min_value=lo, max_value=hi, step=1 if t == "integer" else None,
                format="%d" if t == "integer" else None, width=_fit(title))
        elif t == "yes_no":
            config[c.id] = st.column_config.CheckboxColumn(title, width=_fit(title))
        elif t == "date":
            config[c.id] = st.column_config.DateColumn(title, format="DD/MM/YYYY",
                                                       width=max(_fit(title), 110))
        elif t in ("single_choice", "multiple_choice"):
            choices = standard.question_choices(c) or []
            labels = {ch.value: ch.label or ch.value for ch in choices}
            if t == "single_choice":
                config[c.id] = st.column_config.SelectboxColumn(
                    title, options=list(labels), format_func=labels.get)
            else:
                config[c.id] = st.column_config.MultiselectColumn(
                    title, options=list(labels), format_func=labels.get)
        else:  # one text column takes the room left; several share it
            texts = sum(1 for x in q.columns or [] if x.type.value == "text")
            config[c.id] = st.column_config.TextColumn(
                title, max_chars=500, width="large" if texts == 1 else "medium")
    return config


def _fit(title: str) -> int:
    """A narrow column's width in pixels, so that its whole title shows ("Improved?" was cut
    to "Imp"): about 7 px a character of the grid's header font, and its padding."""
    return min(max(64, 7 * len(title) + 28), 240)


def _frame(q, rows: list[dict] | None) -> pd.DataFrame:
    columns = [c.id for c in q.columns or []]
    data = []
    for row in rows or []:
        data.append({c: row.get(c) for c in columns})
    frame = pd.DataFrame(data, columns=columns)
    for c in q.columns or []:
        t = c.type.value
        if t in ("integer", "number", "percent"):
            frame[c.id] = pd.to_numeric(frame[c.id], errors="coerce").astype("Float64")
        elif t == "yes_no":
            frame[c.id] = frame[c.id].map(_yes_no).astype("boolean")
        elif t == "date":
            frame[c.id] = pd.to_datetime(frame[c.id], errors="coerce").dt.date
        else:  # an empty cell is None (never NaN, never the text "None")
            column = frame[c.id].astype("object")
            frame[c.id] = column.where(column.map(lambda v: not _missing(v)), None)
    return frame


def _missing(value: Any) -> bool:
    """Whether a grid cell holds no value (``None``, NaN, ``pd.NA``, ``NaT``, blank text)."""
    if isinstance(value, (list, tuple)):
        return False
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and not value.strip()


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "no"):
        return value.strip().lower() == "yes"
    return None


def _cell(c, value: Any) -> Any:
    if _missing(value):
        return None
    t = c.type.value
    if t == "integer":
        return int(value)
    if t in ("number", "percent"):
        number = float(value)
        return int(number) if number.is_integer() else number
    if t == "yes_no":
        return bool(value)
    if t == "date":
        if isinstance(value, pd.Timestamp):
            return value.date()
        if isinstance(value, dt.datetime):
            return value.date()
        return value
    if t == "multiple_choice":
        return list(value) or None
    text = str(value).strip()
    return text or None


def _rows(q, frame: pd.DataFrame) -> list[dict]:
    columns = q.columns or []
    out = []
    for record in frame.to_dict("records"):
        row = {c.id: _cell(c, record.get(c.id)) for c in columns}
        row = {k: v for k, v in row.items() if v is not None}
        if row:
            out.append(row)
    return out


def _table(standard: Standard, info: AssessmentInfo, q, user: Actor, *, editable: bool) -> None:
    aid = info.id
    stored = info.answers.get(q.id)
    version = stored.version if stored else 0
    base_key, ekey = _key(aid, q.id, "tb"), _key(aid, q.id, "e")
    base = st.session_state.get(base_key)
    if base is None or base["saved"] != version:  # first time, or someone else saved
        base = {"start": version, "saved": version,
                "rows": list(stored.value) if stored and stored.value else []}
        st.session_state[base_key] = base
    st.markdown(f"**{md(_label(q))}**")
    guidance(q)  # above the grid, read before the rows are filled
    edited = st.data_editor(
        _frame(q, base["rows"]), key=_key(aid, f"{q.id}:{base['start']}", "t"),
        column_config=_column_config(standard, q), num_rows="dynamic" if editable else "fixed",
        disabled=not editable, hide_index=True, width="stretch")
    rows = _rows(q, edited)
    saved_rows = _rows(q, _frame(q, list(stored.value) if stored and stored.value else []))
    if editable and rows != saved_rows:
        try:
            base["saved"] = save_answer(app_store(), user, aid, q.id, rows or None, version)
            st.session_state.pop(ekey, None)
            st.session_state["_last_saved"] = dt.datetime.now(dt.UTC)
        except StaleWriteError as e:
            why = render_message(e.problems[0].text, lang=language())
            st.session_state[ekey] = _("Not saved: {why} The table now shows the saved "
                                       "answer.").format(why=why)
            st.session_state.pop(base_key, None)
            st.rerun()
        except SealError as e:
            st.session_state[ekey] = _("Not saved: {why}").format(
                why="; ".join(render_message(p.text, lang=language()) for p in e.problems))
    elif rows == saved_rows:
        st.session_state.pop(ekey, None)
    if editable:
        st.caption(_("Add a row with the + at the bottom of the table; select rows to delete "
                     "them. Every change is saved."))
    _feedback(aid, q, with_help=False)
