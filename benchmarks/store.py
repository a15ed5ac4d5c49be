"""Bulk writes to the store against the floor of writing the same rows, measured in the same run,
rounds interleaved (ours, floor, ours, floor...), the median of each printed.

1. **`seal db import`** (``import_assessments``): a generated portfolio (``generate_portfolio``,
   N institutions x 3 periods, JSON with staff files, ~50 evidence items each) into a SQLite
   database that holds the standards already, in one call: every file checked as ``seal
   validate`` checks it, one transaction, each submitted assessment scored once, every row
   sealed and audited.  The floor: the same files read (``json.loads``, the staff files'
   bytes) and the same rows (institutions, assessments, answers, claims, evidence, staff files)
   inserted by plain SQLAlchemy Core ``executemany`` in one transaction: no checks, no
   scoring, no audit.  Aim: 100 assessments a second or more.
2. **The API's answer push** (``push_answers``, what ``PUT /assessments/{id}/answers`` calls):
   the answers of one generated assessment pushed to a draft of the same standard, one push
   (one transaction) per assessment, each answer checked, versioned and audited.  The floor:
   the same answer rows inserted by plain ``executemany``, one transaction per assessment.
   Aim: 100 assessments a second or more.

The floors run in a child process that never imports ``seal_engine`` (its tables are reflected
from the database): the store's audit hooks listen on every SQLAlchemy engine of a process that
imported it and would seal the floor's rows at commit.  Each side reports its wall-clock time and
its process's CPU time (the child measures its own, from before the first read to after the
commit, so starting it is not counted).

After the rounds, ``verify_audit`` runs on the last database each of ours wrote.

    python benchmarks/store.py [--institutions 40] [--rounds 3] [--pushes 100]
                               [--postgres postgresql+psycopg://user@host/db]
    python benchmarks/store.py --before DIR [--rounds 5]

``--before DIR`` measures instead this code's import and push side by side with the code in
``DIR`` (a checkout of an earlier commit: ``git archive <commit> | tar -x -C DIR``), each in a
long-lived process of its own, rounds interleaved, with the load average before and after.

With ``--postgres`` the same runs are made on that PostgreSQL server (each run's database made
from a template database, ``seal_bench_*``, dropped at the end) instead of SQLite files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _portfolio(institutions: int) -> list[Path]:
    from seal_engine.compare.generate import generate_portfolio

    folder = Path(tempfile.gettempdir()) / f"seal-bench-import-{institutions}"
    if not (folder / "README.md").is_file():
        generate_portfolio(folder, institutions, file_format="json", workforce=True,
                           years=(2023, 2024, 2025), force=True)
    return sorted(folder.rglob("*.json"))


class _Databases:
    """Where the runs' databases live: SQLite files in a folder, or (``--postgres URL``)
    databases on that PostgreSQL server, each run's copied from a template database
    (``CREATE DATABASE ... TEMPLATE``) as the SQLite ones are copied from a template file."""

    def __init__(self, folder: Path, postgres: str | None = None):
        self.folder, self.postgres, self.made = folder, postgres, []

    def url(self, name: str) -> str:
        if self.postgres is None:
            return f"sqlite:///{self.folder / (name + '.db')}"
        import sqlalchemy as sa

        return sa.engine.make_url(self.postgres).set(
            database=f"seal_bench_{name}").render_as_string(hide_password=False)

    def _admin(self, *statements: str) -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(self.postgres, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def empty(self, name: str) -> str:
        if self.postgres is None:
            return self.url(name)
        self._admin(f"DROP DATABASE IF EXISTS seal_bench_{name} WITH (FORCE)",
                    f"CREATE DATABASE seal_bench_{name}")
        self.made.append(name)
        return self.url(name)

    def copy(self, template: str, to: str) -> str:
        if self.postgres is None:
            path = self.folder / (to + ".db")
            for old in path.parent.glob(path.name + "*"):
                old.unlink()
            shutil.copyfile(self.folder / (template + ".db"), path)
            return self.url(to)
        self._admin(f"DROP DATABASE IF EXISTS seal_bench_{to} WITH (FORCE)",
                    f"CREATE DATABASE seal_bench_{to} TEMPLATE seal_bench_{template}")
        self.made.append(to)
        return self.url(to)

    def drop(self) -> None:
        if self.postgres is not None:
            self._admin(*[f"DROP DATABASE IF EXISTS seal_bench_{n} WITH (FORCE)"
                          for n in dict.fromkeys(self.made)])


def _template(dbs: _Databases, files: list[Path]) -> str:
    """A database holding the standards the files use, and nothing else: its name."""
    import seal_engine as se
    import seal_engine.store as st

    with st.open_store(dbs.empty("template")) as store:
        ids = {(d["standard"]["id"], d["standard"]["version"])
               for d in (json.loads(f.read_text("utf-8")) for f in files)}
        here = [files[0].parents[i] / "standards" for i in range(3)]
        from seal_engine.settings import standards_search_path

        paths = [se.find_standard(i, v, [*here, *standards_search_path()])
                 for i, v in sorted(ids)]
        st.import_assessments(store, st.SYSTEM, paths)
    return "template"


def _ours_import(url: str, files: list[Path]) -> float:
    import seal_engine.store as st

    with st.open_store(url) as store:
        start, cpu = time.perf_counter(), time.process_time()
        report = st.import_assessments(store, st.SYSTEM, files)
        took = time.perf_counter() - start, time.process_time() - cpu
    assert len(report.assessments) == len(files)
    return took


def _engine(url: str):
    """A plain engine with the store's settings for SQLite (foreign keys checked, WAL with
    synchronous=NORMAL), so that the floor pays the same per commit."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    if engine.dialect.name != "sqlite":
        return engine

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    return engine


def _tables(engine) -> dict:
    """The store's tables, reflected (the child never imports seal_engine)."""
    import sqlalchemy as sa

    meta = sa.MetaData()
    meta.reflect(engine, only=["standard", "institution", "assessment", "answer", "na_claim",
                               "evidence", "workforce_file"])
    return meta.tables


def _floor(kind: str, url: str, given: Path) -> tuple[float, float]:
    """One floor, in a child process: its (wall, cpu) seconds."""
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--floor", kind, url, str(given)],
                         check=True, capture_output=True, text=True).stdout
    took = json.loads(out.splitlines()[-1])
    return took["wall"], took["cpu"]


def _floor_import_child(url: str, files: list[Path]) -> tuple[float, float]:
    """The same rows by plain Core executemany: read, insert, nothing else."""
    import secrets

    import sqlalchemy as sa

    engine = _engine(url)
    try:
        tables = _tables(engine)
        with engine.connect():
            pass  # connected before the clock starts, as the store is opened before ours
        start, cpu = time.perf_counter(), time.process_time()
        with engine.begin() as conn:
            standard = tables["standard"]
            keys = {(r.standard_id, r.version): r.id for r in conn.execute(
                sa.select(standard.c.id, standard.c.standard_id, standard.c.version))}
            now = dt.datetime.now(dt.UTC)
            rows: dict[str, list[dict]] = {t: [] for t in (
                "institution", "assessment", "answer", "na_claim", "evidence", "workforce")}
            insts: dict[str, str] = {}
            for f in files:
                data = json.loads(f.read_text(encoding="utf-8"))
                i = data["institution"]
                if i["id"] not in insts:
                    insts[i["id"]] = secrets.token_hex(16)
                    rows["institution"].append({
                        "id": insts[i["id"]], "code": i["id"], "name": i["name"],
                        "country": i["country"], "scope": i["scope"],
                        "sector": i.get("sector"), "region": i.get("region"),
                        "parent_id": None, "version": 1, "updated_at": now,
                        "updated_by": "system"})
                aid = secrets.token_hex(16)
                p = data["period"]
                rows["assessment"].append({
                    "id": aid, "code": data["id"], "institution_id": insts[i["id"]],
                    "standard_pk": keys[(data["standard"]["id"], data["standard"]["version"])],
                    "period_start": dt.date.fromisoformat(p["start"]),
                    "period_end": dt.date.fromisoformat(p["end"]),
                    "period_label": p.get("label"), "kind": data.get("kind", "self"),
                    "state": data.get("status", "draft"), "created_at": now,
                    "created_by": "system", "version": 1, "updated_at": now,
                    "updated_by": "system"})
                rows["answer"].extend({
                    "assessment_id": aid, "question_id": q, "value": json.dumps(v),
                    "version": 1, "updated_at": now, "updated_by": "system"}
                    for q, v in data.get("answers", {}).items())
                rows["na_claim"].extend({
                    "assessment_id": aid, "benchmark_id": b, "reason": r, "version": 1,
                    "updated_at": now, "updated_by": "system"}
                    for b, r in (data.get("not_applicable") or {}).items())
                rows["evidence"].extend({
                    "id": secrets.token_hex(16), "assessment_id": aid, "position": n,
                    "benchmark_id": e["requirement"].split(".")[0],
                    "requirement_id": e["requirement"], "title": e["title"],
                    "kind": "reference", "reference": e.get("reference"),
                    "declared_status": e.get("status", "provided"), "version": 1,
                    "updated_at": now, "updated_by": "system"}
                    for n, e in enumerate(data.get("evidence", []), start=1))
                if data.get("workforce"):
                    content = (f.parent / data["workforce"]).read_bytes()
                    rows["workforce"].append({
                        "assessment_id": aid, "name": data["workforce"], "sha256": "0" * 64,
                        "size": len(content), "content": content, "version": 1,
                        "updated_at": now, "updated_by": "system"})
            for table, name in (("institution", "institution"), ("assessment", "assessment"),
                                ("answer", "answer"), ("na_claim", "na_claim"),
                                ("evidence", "evidence"), ("workforce_file", "workforce")):
                if rows[name]:
                    conn.execute(tables[table].insert(), rows[name])
        return time.perf_counter() - start, time.process_time() - cpu
    finally:
        engine.dispose()


def _push_template(dbs: _Databases, template: str, files: list[Path], n: int
                   ) -> tuple[str, list[tuple[str, dict]]]:
    """The template with ``n`` draft assessments (one per generated institution, a new
    period) and the answers to push to each: those of a generated file of its standard."""
    import seal_engine as se
    import seal_engine.store as st

    plan = []
    with st.open_store(dbs.copy(template, "pushtemplate")) as store:
        chosen = []
        seen = set()
        for f in files:
            a = se.load_assessment(f)
            if a.institution.id in seen or not a.answers:
                continue
            seen.add(a.institution.id)
            chosen.append(a)
            if len(chosen) == n:
                break
        for a in chosen:
            inst = st.create_institution(store, st.SYSTEM, code=a.institution.id,
                                         name=a.institution.name,
                                         country=a.institution.country,
                                         scope=a.institution.scope)
            info = st.create_assessment(store, st.SYSTEM, inst.id, a.standard.id,
                                        a.standard.version, dt.date(2026, 1, 1),
                                        dt.date(2026, 12, 31))
            plan.append((info.id, json.loads(a.model_dump_json())["answers"]))
    return "pushtemplate", plan


def _ours_push(url: str, plan: list[tuple[str, dict]]) -> float:
    import seal_engine.store as st

    with st.open_store(url) as store:
        start, cpu = time.perf_counter(), time.process_time()
        for aid, answers in plan:
            done = st.push_answers(store, st.SYSTEM, aid, answers, source="benchmark")
            assert len(done.written) + len(done.unchanged) == len(answers)
        return time.perf_counter() - start, time.process_time() - cpu


def _floor_push_child(url: str, plan: list[tuple[str, dict]]) -> tuple[float, float]:
    engine = _engine(url)
    try:
        answer = _tables(engine)["answer"]
        with engine.connect():
            pass
        start, cpu = time.perf_counter(), time.process_time()
        for aid, answers in plan:
            now = dt.datetime.now(dt.UTC)
            with engine.begin() as conn:
                conn.execute(answer.insert(), [
                    {"assessment_id": aid, "question_id": q, "value": json.dumps(v),
                     "version": 1, "updated_at": now, "updated_by": "system"}
                    for q, v in answers.items()])
        return time.perf_counter() - start, time.process_time() - cpu
    finally:
        engine.dispose()


def _serve(code: str, institutions: int, pushes: int) -> None:
    """``--before``'s child: the import and the push of the code in folder ``code`` (a
    checkout), in this process of its own, one round per line read, its times printed as
    JSON.  It uses only the public API both codes have, on databases made by that code's own
    migrations."""
    sys.path.insert(0, str(Path(code).resolve()))
    for name in [m for m in sys.modules if m == "seal_engine" or m.startswith("seal_engine.")]:
        del sys.modules[name]
    os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    import seal_engine

    assert Path(seal_engine.__file__).resolve().is_relative_to(Path(code).resolve())
    files = _portfolio(institutions)
    with tempfile.TemporaryDirectory() as tmp:
        dbs = _Databases(Path(tmp))
        template = _template(dbs, files)
        push_template, plan = _push_template(dbs, template, files, pushes)
        warm = list({tuple(json.loads(f.read_text("utf-8"))["standard"].values()): f
                     for f in files}.values())
        _ours_import(dbs.copy(template, "warm"), warm)
        _ours_push(dbs.copy(push_template, "warmpush"), plan[:3])
        print("ready", flush=True)
        for _line in sys.stdin:
            wi, ci = _ours_import(dbs.copy(template, "ours"), files)
            wp, cp = _ours_push(dbs.copy(push_template, "push"), plan)
            print(json.dumps({"import": [wi, ci], "push": [wp, cp], "n": len(files),
                              "m": len(plan)}), flush=True)


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _side_by_side(before: str, args) -> None:
    """The code in ``before`` (a checkout, e.g. ``git archive <commit> | tar -x -C DIR``) and
    this one, each in a long-lived process, rounds interleaved (before, now, before...)."""
    import subprocess

    codes = {"before": before, "now": str(ROOT)}
    procs = {k: subprocess.Popen(
        [sys.executable, __file__, "--serve", code, "--institutions", str(args.institutions),
         "--pushes", str(args.pushes)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, cwd="/") for k, code in codes.items()}
    try:
        for p in procs.values():
            if p.stdout.readline().strip() != "ready":
                raise SystemExit("a side did not start")
        print(f"{time.strftime('%H:%M:%S')} {_load()}")
        got: dict[str, list[dict]] = {k: [] for k in codes}
        for _ in range(args.rounds):
            for k, p in procs.items():
                p.stdin.write("go\n")
                p.stdin.flush()
                got[k].append(json.loads(p.stdout.readline()))
        print(f"{time.strftime('%H:%M:%S')} {_load()}")
    finally:
        for p in procs.values():
            p.stdin.close()
            p.wait()
    first = got["now"][0]
    print(f"side by side, {args.rounds} interleaved rounds, median and smallest (wall clock; "
          f"CPU of the process); import of {first['n']} assessments, push of {first['m']}")
    for what, count in (("import", first["n"]), ("push", first["m"])):
        for k in codes:
            wall = [r[what][0] for r in got[k]]
            cpu = [r[what][1] for r in got[k]]
            mw, mc = statistics.median(wall), statistics.median(cpu)
            print(f"{what:6} {k:6}  wall {mw:5.2f} s, {min(wall):5.2f} s = {count / mw:6.1f}/s"
                  f"   CPU {mc:5.2f} s, {min(cpu):5.2f} s = {count / mc:6.1f}/s")


def _child(kind: str, url: str, given: str) -> None:
    """A floor, run by the parent in this process of its own: prints its times as JSON."""
    data = json.loads(Path(given).read_text(encoding="utf-8"))
    if kind == "import":
        wall, cpu = _floor_import_child(url, [Path(f) for f in data])
    else:
        wall, cpu = _floor_push_child(url, [(aid, answers) for aid, answers in data])
    print(json.dumps({"wall": wall, "cpu": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institutions", type=int, default=40,
                        help="generated institutions (x 3 periods, about 2.6 assessments each)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pushes", type=int, default=100, help="assessments pushed per round")
    parser.add_argument("--postgres", metavar="URL",
                        help="run on this PostgreSQL server instead of SQLite (the benchmark "
                             "creates and drops databases named seal_bench_* there)")
    parser.add_argument("--before", metavar="DIR",
                        help="instead: this code side by side with the code in DIR (a "
                             "checkout of an earlier commit), rounds interleaved, on SQLite")
    parser.add_argument("--floor", nargs=3, metavar=("KIND", "URL", "JSON"),
                        help=argparse.SUPPRESS)  # the child running a floor
    parser.add_argument("--serve", metavar="DIR", help=argparse.SUPPRESS)  # --before's child
    args = parser.parse_args()
    if args.floor:
        _child(*args.floor)
        return
    if args.serve:
        _serve(args.serve, args.institutions, args.pushes)
        return
    if args.before:
        _side_by_side(args.before, args)
        return
    os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    import seal_engine.store as st

    files = _portfolio(args.institutions)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dbs = _Databases(folder, args.postgres)
        template = _template(dbs, files)
        push_template, plan = _push_template(dbs, template, files, args.pushes)
        given = {"import": folder / "files.json", "push": folder / "plan.json"}
        given["import"].write_text(json.dumps([str(f) for f in files]), encoding="utf-8")
        given["push"].write_text(json.dumps(plan), encoding="utf-8")
        # one untimed pass of each, so that both start warm (every standard the files use
        # compiled, modules imported)
        warm = list({tuple(json.loads(f.read_text("utf-8"))["standard"].values()): f
                     for f in files}.values())
        _ours_import(dbs.copy(template, "warm"), warm)
        times: dict[str, list[tuple[float, float]]] = {
            k: [] for k in ("import", "import floor", "push", "push floor")}
        loads = [f"{time.strftime('%H:%M:%S')} {_load()}"]
        for _ in range(args.rounds):
            times["import"].append(_ours_import(dbs.copy(template, "ours"), files))
            times["import floor"].append(_floor(
                "import", dbs.copy(template, "floor"), given["import"]))
            times["push"].append(_ours_push(dbs.copy(push_template, "push"), plan))
            times["push floor"].append(_floor(
                "push", dbs.copy(push_template, "pushfloor"), given["push"]))
        loads.append(f"{time.strftime('%H:%M:%S')} {_load()}")
        checks = []
        for name in ("ours", "push"):
            with st.open_store(dbs.url(name)) as store:
                report = st.verify_audit(store)
                checks.append(f"{name}: {'verified' if report.ok else report.findings[:3]} "
                              f"({report.entries} entries, {report.rows_checked} rows)")
        dbs.drop()
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    n, m = len(files), len(plan)
    print(f"{n} assessments of {args.institutions} institutions x 3 periods (JSON, staff files), "
          f"{args.rounds} interleaved rounds, median (wall clock; CPU of the process), on "
          f"{'PostgreSQL' if args.postgres else 'SQLite'}")

    def line(label: str, key: str, count: int) -> None:
        print(f"{label}{wall[key]:7.2f} s = {count / wall[key]:7.1f} assessments/s "
              f"(CPU {cpu[key]:6.2f} s = {count / cpu[key]:7.1f}/s)")

    line("1. seal db import:      ", "import", n)
    line("   floor (executemany): ", "import floor", n)
    print(f"   ratio import/floor: {wall['import'] / wall['import floor']:.2f} "
          f"(CPU {cpu['import'] / cpu['import floor']:.2f})")
    print(f"2. answer push ({m} assessments, {sum(len(a) for _, a in plan)} answers):")
    line("   push:                ", "push", m)
    line("   floor (executemany): ", "push floor", m)
    print(f"   ratio push/floor: {wall['push'] / wall['push floor']:.2f} "
          f"(CPU {cpu['push'] / cpu['push floor']:.2f})")
    print("audit: " + "; ".join(checks))
    print("rounds from " + " to ".join(loads))
    print(f"ratio: {wall['import'] / wall['import floor']:.2f}")


if __name__ == "__main__":
    main()
