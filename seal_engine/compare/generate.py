"""Synthetic portfolios: realistic, reproducible, fictional institutions to try the government
view on, at any size.

Every name is invented (countries, provinces, towns, institutions), and so is every figure.
Answers are drawn benchmark by benchmark from the bundled example assessments, from the
strongest (a Gold municipality) to an unfinished draft, according to each institution's
maturity, which grows from one period to the next; dates move with the period.  So every answer
fits its question, and the portfolio reaches every level.  Workforce files are aggregated CSV
files (sex × grade × location × age band × contract) whose women's share falls from entry to
top grades, as it does in the UN secretariat, and improves with maturity.

Layout (what ``seal validate``, ``seal score``, ``seal compare`` and ``seal db import`` read)::

    DIR/README.md                                   what was generated, and how
    DIR/standards/undp-seal-public-institutions-v4.yaml   a next version, as an adaptation
    DIR/<country>/<institution id>/<year>.yaml      the self-assessment of that year
    DIR/<country>/<institution id>/<year>-external.yaml   an external assessment, for some
    DIR/<country>/<institution id>/workforce-<year>.csv   its staff data
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem, SealError
from ..models import SealModel

__all__ = ["GeneratedPortfolio", "NEXT_VERSION_STANDARD", "generate_portfolio"]

UNDP = ("undp-seal-public-institutions", 3)
UNDP_V2 = ("undp-seal-public-institutions", 4)  # the synthetic next version
LAO = ("public-service-adaptation-lpdr", 3)

#: The next version of the public-institutions standard written into every portfolio: an
#: adaptation of the bundled version 3 (fictional: a stricter leadership target, protected
#: ratings required from Bronze, and a new Gold benchmark on publishing the pay gap).
NEXT_VERSION_STANDARD = """\
# A next version of the Gender Equality Seal for Public Institutions, written by seal generate
# for synthetic portfolios (fictional: not a UNDP publication). It extends version 3: records not
# written here are version 3's.
type: standard
id: undp-seal-public-institutions
version: 4
title: Gender Equality Seal for Public Institutions (revision 4, synthetic)
provider: seal-engine synthetic portfolio (fictional)
extends: {id: undp-seal-public-institutions, version: 3}
parameters:
  leadership_target:
    value: 0.35
    unit: share
    title: target share of women in senior and management posts
dimensions:
  - type: dimension
    id: WE
    benchmarks:
      - id: WE-12
        mandatory_from: bronze
      - id: WE-30
        title: The gender pay gap is published every year
        description: >-
          The institution publishes its gender pay gap, by grade, at least once a year.
        weight: 2
        mandatory_from: gold
        effort: low
        questions:
          - id: WE-30.published
            type: yes_no
            text: Did the institution publish its gender pay gap, by grade, in the past 12 months?
        evidence:
          - {id: WE-30.report, title: The published pay gap report, kind: document}
        rule:
          met: answer('WE-30.published') and evidence('WE-30.report')
"""

# The bundled examples answers are drawn from, strongest first (assessments/README.md).
_TEMPLATES = ("port-aurel-municipality/2025.yaml", "valdoria-ministry-of-labour/2025.yaml",
              "valdoria-national-statistics-office/2025.yaml",
              "highlands-provincial-health/2025.yaml", "valdoria-ministry-of-labour/2024.yaml",
              "highlands-provincial-health/2024.yaml",
              "valdoria-civil-aviation-authority/2025.yaml")
_LAO_TEMPLATE = "valdoria-ministry-of-public-works/2025.yaml"

_COUNTRIES = (("Republic of Valdoria", "VAL", "Valdorian"),
              ("Republic of Norvania", "NRV", "Norvanian"),
              ("Federal Republic of Estrelia", "EST", "Estrelian"),
              ("Kingdom of Orlesia", "ORL", "Orlesian"),
              ("Republic of Marevia", "MRV", "Marevian"),
              ("Free State of Brevonia", "BRV", "Brevonian"))
_ADAPTED = "Republic of Norvania"  # its public service uses the national adaptation
_HEAD = ("Val", "Nor", "Est", "Mar", "Bre", "Kel", "Tam", "Sil", "Dor", "Fen", "Gal", "Hal",
         "Lin", "Mor", "Ros", "Tor", "Ver", "Wen", "Zar", "Ast", "Cor", "Ely", "Ilm", "Ond")
_TAIL = ("ford", "mouth", "vale", "burg", "stad", "ton", "wick", "haven", "dale", "mere", "ora",
         "ano", "ette", "field", "moor", "bridge")
_MINISTRIES = ("Health", "Education", "Labour and Social Protection", "Finance", "Public Works",
               "Agriculture", "Justice", "Environment", "Transport", "Foreign Affairs",
               "Interior", "Women and Family Affairs", "Culture", "Energy", "Trade")
_AGENCIES = (("National Statistics Office", "statistics"), ("Revenue Authority", "finance"),
             ("Civil Aviation Authority", "transport"), ("National Water Agency", "water"),
             ("Civil Service Commission", "public administration"),
             ("National Audit Office", "public finance"), ("Electoral Commission", "elections"),
             ("Social Security Fund", "social protection"))
_LOCAL = (("Municipality of {town}", "local government"),
          ("{region} Provincial Health Department", "health"),
          ("{region} Provincial Education Office", "education"),
          ("District Administration of {town}", "local government"),
          ("{region} Provincial Public Works Office", "public works"))
_GRADES = ("support", "professional", "manager", "senior")
_AGES = ("<30", "30-39", "40-49", "50+")
_PAY = (1300, 2100, 3200, 4800)


class GeneratedPortfolio(SealModel):
    """What :func:`generate_portfolio` wrote."""

    folder: str
    seed: int
    institutions: int
    countries: int
    assessments: int
    drafts: int
    external: int
    workforce_files: int
    standards: list[str]
    by_standard: dict[str, int]


def _town(rng: random.Random) -> str:
    return rng.choice(_HEAD) + rng.choice(_TAIL)


def _load_templates() -> tuple[list, Any, dict]:
    from .. import load_assessment, standard_for
    from ..settings import bundled_dir

    found = bundled_dir("assessments")
    if not found:
        raise SealError(Problem("the bundled example assessments are not installed; "
                                "reinstall seal-engine"))
    base = found[0]
    ts = [load_assessment(base / t) for t in _TEMPLATES]
    lao = load_assessment(base / _LAO_TEMPLATE)
    standards = {UNDP: standard_for(ts[0]), LAO: standard_for(lao)}
    return ts, lao, standards


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, dt.date) and years:
        try:
            return value.replace(year=value.year + years)
        except ValueError:  # 29 February
            return value.replace(year=value.year + years, day=28)
    if isinstance(value, list):
        return [_shift(v, years) for v in value]
    if isinstance(value, dict):
        return {k: _shift(v, years) for k, v in value.items()}
    return value


class _Maker:
    def __init__(self, rng: random.Random, templates, lao, standards, v2) -> None:
        self.rng = rng
        self.templates = templates
        self.lao = lao
        self.standards = {**standards, UNDP_V2: v2}
        self._plans: dict = {}
        self._shifted: dict = {}
        self._evidence: dict = {}

    def pick(self, maturity: float, n: int) -> int:
        """A template index: strong ones for mature institutions, with some spread."""
        x = (1 - maturity) * (n - 1) + self.rng.gauss(0, 1.1)
        return min(n - 1, max(0, round(x)))

    def plan(self, key) -> tuple[list, list]:
        """The pool of templates for ``key`` and, for each of its benchmarks, ``(id, question
        ids, evidence requirements, which templates answer every question)``: worked out once."""
        found = self._plans.get(key)
        if found is None:
            pool = [self.lao, *self.templates] if key == LAO else list(self.templates)
            rows = []
            for b in self.standards[key].benchmarks():
                qids = tuple(q.id for q in b.questions)
                ok = tuple(all(q in t.answers for q in qids) or not qids for t in pool)
                rows.append((b.id, qids, frozenset(e.id for e in b.evidence), ok))
            found = self._plans[key] = (pool, rows)
        return found

    def shifted(self, value: Any, years: int) -> Any:
        """``_shift(value, years)``, kept: the templates' values are shared by every copy."""
        if not years or not isinstance(value, dt.date | list | dict):
            return value
        k = (id(value), years)
        got = self._shifted.get(k)
        if got is None:
            got = self._shifted[k] = (value, _shift(value, years))
        return got[1]

    def evidence_copy(self, e, years: int, strict: bool):
        """A template's evidence moved by ``years`` (provided, not accepted, unless
        ``strict``), kept: an assessment only reads it."""
        k = (id(e), years, strict)
        got = self._evidence.get(k)
        if got is None:
            got = self._evidence[k] = (e, e.model_copy(update={
                "date": _shift(e.date, years) if e.date else None,
                "status": "provided" if e.status == "accepted" and not strict
                else e.status}))
        return got[1]

    def answers(self, key, maturity: float, year: int, draft: bool, strict: bool,
                build: bool = True) -> tuple[dict, list, dict]:
        """The answers, evidence and benchmarks not applicable of one assessment.  With
        ``build`` false, only the random numbers they take are drawn (another process writes
        that assessment) and nothing is returned."""
        pool, rows = self.plan(key)
        answers: dict[str, Any] = {}
        evidence: list = []
        na: dict[str, str] = {}
        n_templates = len(self.templates)
        rng = self.rng
        lao = key == LAO
        for bid, qids, reqs, ok in rows:
            if draft and rng.random() < 0.55:
                if build:
                    for q in qids:
                        answers[q] = None
                continue
            i = self.pick(maturity - (0.15 if strict else 0.0), n_templates)
            first = [0] if lao and rng.random() < 0.5 else []
            if not build:
                continue
            src = pool[-1]
            for j in (*first, i + 1 if lao else i, *range(len(pool))):
                if ok[j]:
                    src = pool[j]
                    break
            years = year - src.period.end.year
            src_answers = src.answers
            for q in qids:
                if q in src_answers:
                    answers[q] = self.shifted(src_answers[q], years)
            for e in src.evidence:
                if e.requirement in reqs:
                    evidence.append(self.evidence_copy(e, years, strict))
            if bid in src.not_applicable:
                na[bid] = src.not_applicable[bid]
        if key == UNDP_V2 and not draft:
            published = rng.random() < maturity
            answers["WE-30.published"] = published
            if published:
                evidence.append({"requirement": "WE-30.report",
                                 "title": f"Gender pay gap report {year}",
                                 "reference": f"reports/pay-gap-{year}.pdf",
                                 "date": dt.date(year, 11, 30)})
        return answers, evidence, na


def _workforce(rng: random.Random, inst: dict, year: int, maturity: float, size: int) -> str:
    """An aggregated staff file: sex × grade × location × age band × contract."""
    base = inst["base_share"] + 0.03 * maturity
    drop = inst["drop"] * (1.2 - 0.5 * maturity)
    lines = [f"# {inst['name']} - staff in post on 31 December {year} and flows during {year}.",
             "# Synthetic data written by seal generate: a fictional institution, no real "
             "person.", f"# Pay: gross monthly pay in {inst['currency']}.",
             f"# grades: {', '.join(_GRADES)}", f"# year: {year}",
             "sex,grade,scope,location,age_band,contract,headcount,applicants,recruited,"
             "eligible_for_promotion,promoted,exits,trained,parental_leave,returned_from_leave,"
             "pay_mean,pay_median"]
    grade_weights = (0.34, 0.43, 0.16, 0.07)
    age_weights = (0.22, 0.3, 0.28, 0.2)
    for li, (location, scope) in enumerate(inst["locations"]):
        loc_size = size * (0.55 if li == 0 else 0.45 / max(1, len(inst["locations"]) - 1))
        for gi, grade in enumerate(_GRADES):
            share = min(0.85, max(0.08, base - drop * gi + rng.gauss(0, 0.02)))
            for ai, age in enumerate(_AGES):
                for contract, cw in (("permanent", 0.8), ("fixed-term", 0.2)):
                    n = loc_size * grade_weights[gi] * age_weights[ai] * cw
                    women = max(0, round(rng.gauss(n * share, math.sqrt(n * 0.2 + 0.01))))
                    men = max(0, round(rng.gauss(n * (1 - share), math.sqrt(n * 0.2 + 0.01))))
                    other = 1 if rng.random() < 0.04 * n / (n + 5) else 0
                    for sex, h in (("female", women), ("male", men), ("other", other)):
                        if sex == "other" and not h:
                            continue
                        lines.append(",".join(str(v) for v in _flows(
                            rng, sex, grade, scope, location, age, contract, h, gi)))
    return "\n".join(lines) + "\n"


def _flows(rng, sex, grade, scope, location, age, contract, h, gi) -> list:
    recruited = min(h, round(h * rng.uniform(0.03, 0.1)))
    applicants = recruited * rng.randint(3, 9) + (rng.randint(0, 3) if h else 0)
    eligible = min(h, round(h * rng.uniform(0.1, 0.2)))
    promoted = min(eligible, h - recruited, round(eligible * rng.uniform(0.1, 0.3)))
    exits = round(h * rng.uniform(0.02, 0.08))
    trained = min(h, round(h * rng.uniform(0.2, 0.6)))
    leave = min(h, round(h * (rng.uniform(0.02, 0.06) if sex == "female" and age in (
        "<30", "30-39") else rng.uniform(0.0, 0.01))))
    returned = min(leave, round(leave * rng.uniform(0.85, 1.0)))
    pay = _PAY[gi] * rng.uniform(0.97, 1.03) * (0.98 if sex == "female" else 1.0)
    return [sex, grade, scope, location, age, contract, h, applicants, recruited, eligible,
            promoted, exits, trained, leave, returned, round(pay), round(pay * 0.97)]


def _institutions(rng: random.Random, n: int) -> list[dict]:
    out = []
    used_names: set[tuple[str, str]] = set()
    taken_by: dict[str, int] = {}  # national names used in each country (counted, not searched)
    for i in range(n):
        country, code, adjective = _COUNTRIES[i % len(_COUNTRIES)]
        national_names = ([f"Ministry of {m}" for m in _MINISTRIES]
                          + [f"{a} of {country.split(' of ')[-1]}" for a, _s in _AGENCIES])
        taken = taken_by.get(country, 0)
        scope = "national" if rng.random() < 0.5 and taken < len(national_names) else \
            "subnational"
        region = None
        if scope == "national":
            free = [nm for nm in national_names if (country, nm) not in used_names]
            name = rng.choice(free)
            sector = next((s for a, s in _AGENCIES if name.startswith(a)),
                          name.removeprefix("Ministry of ").lower())
            locations = [("Capital", "national")] + [
                (f"{_town(rng)} Regional Office", "subnational")
                for _ in range(rng.randint(0, 3))]
        else:
            region = f"{_town(rng)} Province"
            pattern, sector = rng.choice(_LOCAL)
            name = pattern.format(town=_town(rng), region=region.removesuffix(" Province"))
            k = 2
            while (country, name) in used_names:
                name = f"{pattern.format(town=_town(rng), region=region[:-9])} {k}"
                k += 1
            locations = [("Head office", "subnational")] + [
                (f"{_town(rng)} District", "subnational") for _ in range(rng.randint(0, 2))]
        if (country, name) not in used_names and name in national_names:
            taken_by[country] = taken + 1
        used_names.add((country, name))
        out.append({
            "id": f"{code}-{i + 1:05d}", "name": name, "country": country, "scope": scope,
            "sector": sector, "region": region, "locations": locations,
            "currency": f"{adjective} crowns", "maturity": rng.betavariate(2.2, 2.0),
            "growth": rng.uniform(0.0, 0.12), "base_share": rng.uniform(0.42, 0.68),
            "drop": rng.uniform(0.02, 0.12), "size": int(rng.lognormvariate(5.8, 0.8)) + 20})
    return out


def _slug(text: str) -> str:
    return "".join(ch.lower() if ch.isalnum() else "-" for ch in text).strip("-")


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _json_text(doc: Any) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=1)``, the same text, written without the
    generator chain json's pure-Python encoder runs for an indented document (JSON files
    were the slowest part of writing a portfolio).  Plain JSON values only; anything else
    (a float that is not finite, a key that is not a string) goes to ``json.dumps``."""
    from json.encoder import encode_basestring

    parts: list[str] = []
    add = parts.append

    def put(o: Any, nl: str) -> None:
        t = type(o)
        if t is str:
            add(encode_basestring(o))
        elif o is None:
            add("null")
        elif o is True:
            add("true")
        elif o is False:
            add("false")
        elif t is int:
            add(int.__repr__(o))
        elif t is float and math.isfinite(o):
            add(float.__repr__(o))
        elif t is dict:
            if not o:
                add("{}")
                return
            inner = nl + " "
            sep = "{" + inner
            for k, v in o.items():
                if type(k) is not str:
                    raise TypeError(k)
                add(sep + encode_basestring(k) + ": ")
                put(v, inner)
                sep = "," + inner
            add(nl + "}")
        elif t is list:
            if not o:
                add("[]")
                return
            inner = nl + " "
            sep = "[" + inner
            for v in o:
                add(sep)
                put(v, inner)
                sep = "," + inner
            add(nl + "]")
        else:
            raise TypeError(t)

    try:
        put(doc, "\n")
    except TypeError:
        return json.dumps(doc, ensure_ascii=False, indent=1)
    return "".join(parts)


def generate_portfolio(folder: str | Path, institutions: int, *, seed: int = 2025,
                       years: Sequence[int] = (2023, 2024, 2025), file_format: str = "yaml",
                       workforce: bool = True, force: bool = False,
                       jobs: int = 1) -> GeneratedPortfolio:
    """Write a synthetic portfolio of ``institutions`` fictional institutions under ``folder``
    (see the module docstring): the same ``seed`` and arguments give the same bytes.
    ``file_format``: ``yaml`` or ``json`` assessments (JSON reads faster at scale).  The folder
    must be new or empty unless ``force``.  ``jobs``: processes writing it (the same bytes
    whatever their number; each draws every random number, so that each institution gets the
    numbers it gets from one process, and writes the files of one institution in ``jobs``)."""
    from .executors import run_batches

    if file_format not in ("yaml", "json"):
        raise SealError(Problem(f"unknown file format {file_format!r}; choose yaml or json",
                                field="file_format"))
    if institutions < 1:
        raise SealError(Problem(f"institutions must be 1 or more, got {institutions!r}",
                                field="institutions"))
    if jobs < 1:
        raise SealError(Problem(f"jobs must be 1 or more, got {jobs!r}", field="jobs"))
    years = sorted(set(int(y) for y in years))
    if not years:
        raise SealError(Problem("give at least one year", field="years"))
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise SealError(Problem("exists and is not a folder", file=str(out)))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise SealError(Problem("the folder is not empty; choose a new one (or --force to "
                                "write over what is there)", file=str(out)))
    _load_templates()  # a missing installation is told here, before any process starts
    _write_text(out / "standards" / "undp-seal-public-institutions-v4.yaml",
                NEXT_VERSION_STANDARD)
    parts = [(str(out), institutions, seed, tuple(years), file_format, workforce, k, jobs)
             for k in range(jobs)]
    done = list(run_batches(_write_part, parts, workers=jobs))
    counts, by_standard, n_insts, n_countries = done[0]  # every part counts everything
    report = GeneratedPortfolio(
        folder=str(out), seed=seed, institutions=n_insts, countries=n_countries,
        assessments=counts["assessments"], drafts=counts["drafts"],
        external=counts["external"], workforce_files=counts["workforce"],
        standards=["standards/undp-seal-public-institutions-v4.yaml"],
        by_standard=dict(sorted(by_standard.items())))
    _write_text(out / "README.md", _readme(report, years))
    return report


def _write_part(job: tuple) -> tuple[dict, dict, int, int]:
    """Write the files of the institutions ``part``, ``part + jobs``, ... of a portfolio; draw
    every random number of the portfolio, in order, and count every file, written here or
    not."""
    from ..loader import parse_standard
    from ..models import Assessment
    from ..serialise import assessment_yaml

    folder, institutions, seed, years, file_format, workforce, part, jobs = job
    out = Path(folder)
    rng = random.Random(seed)
    templates, lao, standards = _load_templates()
    v2 = parse_standard(NEXT_VERSION_STANDARD, "undp-seal-public-institutions-v4.yaml",
                        parents=[standards[UNDP]])
    maker = _Maker(rng, templates, lao, standards, v2)
    counts = {"assessments": 0, "drafts": 0, "external": 0, "workforce": 0}
    by_standard: dict[str, int] = {}
    insts = _institutions(rng, institutions)
    last = years[-1]
    for n, inst in enumerate(insts):
        mine = n % jobs == part
        folder_i = out / _slug(inst["country"]) / inst["id"]
        made = False
        start = rng.choice(years[: max(1, len(years) - 1)]) if len(years) > 1 else years[0]
        maturity = inst["maturity"]
        for year in years:
            if year < start or (year != start and rng.random() < 0.12):
                maturity = min(1.0, maturity + inst["growth"])
                continue
            if inst["country"] == _ADAPTED:
                key = LAO
            elif year == last and rng.random() < 0.5:
                key = UNDP_V2
            else:
                key = UNDP
            draft = year == last and rng.random() < 0.1
            kinds = ["self"] + (["external"] if not draft and rng.random() < 0.15 else [])
            if mine and not made:
                folder_i.mkdir(parents=True, exist_ok=True)
                made = True
            wf_name = f"workforce-{year}.csv"
            if workforce:
                text = _workforce(rng, inst, year, maturity, inst["size"])
                if mine:
                    (folder_i / wf_name).write_text(text, encoding="utf-8")
                counts["workforce"] += 1
            for kind in kinds:
                answers, evidence, na = maker.answers(key, maturity, year, draft,
                                                      strict=kind == "external", build=mine)
                counts["assessments"] += 1
                counts["drafts"] += draft
                counts["external"] += kind == "external"
                label = f"{key[0]} v{key[1]}"
                by_standard[label] = by_standard.get(label, 0) + 1
                if not mine:
                    continue
                data = {
                    "type": "assessment", "id": f"{inst['id'].lower()}-{year}"
                    + ("-external" if kind == "external" else ""),
                    "standard": {"id": key[0], "version": key[1]},
                    "institution": {k: v for k, v in {
                        "id": inst["id"], "name": inst["name"], "country": inst["country"],
                        "scope": inst["scope"], "sector": inst["sector"],
                        "region": inst["region"]}.items() if v is not None},
                    "period": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31),
                               "label": str(year)},
                    "kind": kind, "status": "draft" if draft else "submitted",
                    "answers": answers, "evidence": evidence, "not_applicable": na}
                if workforce:
                    data["workforce"] = wf_name
                a = Assessment.model_validate(data)
                name = f"{year}{'-external' if kind == 'external' else ''}.{file_format}"
                if file_format == "yaml":
                    text = ("# Synthetic assessment written by seal generate (seed "
                            f"{seed}): a fictional institution, not real data.\n"
                            + assessment_yaml(a))
                else:
                    text = _json_text(a.model_dump(mode="json", exclude_none=True)) + "\n"
                (folder_i / name).write_text(text, encoding="utf-8")
            maturity = min(1.0, maturity + inst["growth"])
    return counts, by_standard, len(insts), len({i["country"] for i in insts})


def _readme(r: GeneratedPortfolio, years: Sequence[int]) -> str:
    lines = [
        "# A synthetic portfolio (fictional)", "",
        f"Written by `seal generate --institutions {r.institutions} --seed {r.seed}` for the "
        f"years {', '.join(str(y) for y in years)}. Every country, place, institution and "
        "figure is invented.", "",
        f"- {r.institutions} institutions in {r.countries} countries, {r.assessments} "
        f"assessments ({r.drafts} drafts, {r.external} external assessments), "
        f"{r.workforce_files} workforce files;",
        *(f"- {n} assessments against {k};" for k, n in r.by_standard.items()),
        "- `standards/undp-seal-public-institutions-v4.yaml`: a next version of the "
        "standard, written as an adaptation of version 3.", "",
        "Try:", "", "```bash", "seal validate .", "seal compare . --by country,scope",
        "seal score . --format csv > scores.csv", "seal db import .", "```", ""]
    return "\n".join(lines)
