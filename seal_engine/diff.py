"""Differences between two standards (two versions, or an adaptation and its parent)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .models import Standard

__all__ = ["Change", "StandardDiff", "diff_standards"]

_BENCHMARK_FIELDS = ("title", "weight", "mandatory_from", "mandatory_source", "applicable",
                     "allow_not_applicable", "rule", "questions", "evidence", "description",
                     "effort")


class Change(BaseModel):
    record: str = Field(description="What changed: a benchmark id, 'level silver', 'parameter x'.")
    field: str
    old: Any = None
    new: Any = None
    kind: str = Field("benchmark", description="What the record is: benchmark, level, "
                      "parameter, action, translations, scoring, standard or dimension.")
    name: str | None = Field(None, description="The record's id (a benchmark, level, "
                             "parameter, action or dimension id, or a locale).")


class StandardDiff(BaseModel):
    old: str
    new: str
    added: list[str] = Field(default_factory=list, description="Benchmarks only in the new one.")
    removed: list[str] = Field(default_factory=list, description="Benchmarks only in the old one.")
    changed: list[Change] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def diff_standards(old: Standard, new: Standard) -> StandardDiff:
    """Benchmarks added, removed and changed, and changes to levels, parameters and scoring."""
    out = StandardDiff(old=f"{old.id} v{old.version}", new=f"{new.id} v{new.version}")
    ob = {b.id: b for b in old.benchmarks()}
    nb = {b.id: b for b in new.benchmarks()}
    out.added = [i for i in nb if i not in ob]
    out.removed = [i for i in ob if i not in nb]
    for bid in (i for i in nb if i in ob):
        for f in _BENCHMARK_FIELDS:
            a, b = _dump(getattr(ob[bid], f)), _dump(getattr(nb[bid], f))
            if a != b:
                summary = f in ("rule", "questions", "evidence", "description")
                out.changed.append(Change(record=bid, field=f, old=None if summary else a,
                                          new=None if summary else b, name=bid))
    ol = {lv.id: lv for lv in old.levels}
    nl = {lv.id: lv for lv in new.levels}
    for lid in sorted(set(ol) | set(nl)):
        a, b = ol.get(lid), nl.get(lid)
        if a is None or b is None:
            out.changed.append(Change(record=f"level {lid}", field="level",
                                      old=a is not None, new=b is not None, kind="level",
                                      name=lid))
        elif a.min_score != b.min_score:
            out.changed.append(Change(record=f"level {lid}", field="min_score",
                                      old=a.min_score, new=b.min_score, kind="level",
                                      name=lid))
    for name in sorted(set(old.parameters) | set(new.parameters)):
        a = old.parameters.get(name)
        b = new.parameters.get(name)
        if a is None or b is None:
            out.changed.append(Change(record=f"parameter {name}", field="parameter",
                                      old=a.value if a else None, new=b.value if b else None,
                                      kind="parameter", name=name))
        else:
            if a.value != b.value:
                out.changed.append(Change(record=f"parameter {name}", field="value",
                                          old=a.value, new=b.value, kind="parameter",
                                          name=name))
            if a.source != b.source:
                out.changed.append(Change(record=f"parameter {name}", field="source",
                                          old=a.source, new=b.source, kind="parameter",
                                          name=name))
    oa = {a.id: _dump(a) for a in old.actions}
    na = {a.id: _dump(a) for a in new.actions}
    for aid in sorted(set(oa) | set(na)):
        if oa.get(aid) != na.get(aid):
            what = "added" if aid not in oa else "removed" if aid not in na else "changed"
            out.changed.append(Change(record=f"action {aid}", field=what, kind="action",
                                      name=aid))
    for locale in sorted(set(old.translations) | set(new.translations)):
        a, b = old.translations.get(locale, {}), new.translations.get(locale, {})
        if a != b:
            out.changed.append(Change(record=f"translations {locale}", field=(
                f"{len(b)} records translated" if a else f"added, {len(b)} records"),
                new=len(b), kind="translations", name=locale, old=len(a) if a else None))
    for f in ("basis", "partial_credit", "threshold_operator", "source"):
        a, b = getattr(old.scoring, f), getattr(new.scoring, f)
        if a != b:
            out.changed.append(Change(record="scoring", field=f, old=a, new=b, kind="scoring"))
    if old.certifiable != new.certifiable:
        out.changed.append(Change(record="standard", field="certifiable",
                                  old=old.certifiable, new=new.certifiable, kind="standard"))
    od = {d.id: d.results_level for d in old.dimensions}
    for d in new.dimensions:
        if d.id in od and od[d.id] != d.results_level:
            out.changed.append(Change(record=f"dimension {d.id}", field="results_level",
                                      old=od[d.id], new=d.results_level, kind="dimension",
                                      name=d.id))
    if old.validity_years != new.validity_years:
        out.changed.append(Change(record="standard", field="validity_years",
                                  old=old.validity_years, new=new.validity_years,
                                  kind="standard"))
    return out
