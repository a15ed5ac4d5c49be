"""Batch scoring and the government view at scale, each figure against a baseline measured in
the same run, rounds interleaved.

1. Scoring N generated assessments (JSON files, full standard) streamed, on one core and on all
   cores, against reading and validating the same files (the floor: ``json.loads`` and pydantic
   validation).  Assessments per second per core; time and peak memory for each N, each run in
   a fresh process (linear time, flat memory: the rows are streamed, not kept).
2. ``compare_portfolio`` over the scored rows against a plain pandas computation of the same
   tables from a ready DataFrame (latest result per institution, levels by group, mean scores,
   the institution × dimension pivot, benchmark pass rates).  Aim: within 1.5×.
3. ``compare_stored`` (SQL) on SQLite, and PostgreSQL when ``SEAL_BENCH_POSTGRES_URL`` is set,
   against ``compare_portfolio`` on the same results.
3b. (``--only scale``) ``compare_stored`` on PostgreSQL with ``--pg-institutions`` institutions
   (imported generated assessments copied in the database), and where its statements spend
   their time.  Aim: 100,000 institutions × 3 periods within 5 s.  With ``--pg-reuse --before
   DIR``: the code at DIR (a checkout of an earlier commit) and this code alternately, each in
   a fresh process, ``--rounds`` times.
4. The Dask executor (a LocalCluster) against the local process pool on the same files.
4b. (``--dask-folder DIR``, a folder written by ``seal generate --file-format json``) the pool
   and Dask interleaved on its first ``--dask-size`` files (rounds alternate which goes first;
   the comparisons checked equal), then (4c, ``--dask-whole yes``) Dask on the whole folder, as
   ``seal compare DIR`` reads it: wall, CPU of the driver and of the workers, the peak resident
   memory of the driver and of each worker (sampled every 2 s), the load average, and a line
   every ``--dask-every`` seconds on how far it got.

CI-friendly sizes by default; ``--full`` for 1,000 → 100,000 assessments (a generated portfolio
of that size is kept in the temporary folder between runs).

    python benchmarks/compare.py [--full] [--sizes 1000,2000] [--rounds 2]
        [--only views,scale,dask] [--view-size N] [--pg-institutions N] [--dask-size N]
        [--pg-reuse --before DIR] [--dask-folder DIR --dask-whole yes|no --dask-every S]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the code measured: this checkout, or another one's (set by --before for its rounds)
sys.path.insert(0, os.environ.get("SEAL_BENCH_CODE", str(ROOT)))

import seal_engine  # noqa: E402


def _portfolio(n_assessments: int, seed: int = 2025) -> list[Path]:
    """The files of a generated portfolio with at least ``n_assessments`` (JSON, no workforce
    files: scoring measured on the standard's rules; workforce costs are in metrics.py)."""
    institutions = max(4, int(n_assessments / 2.6) + 8)
    folder = Path(tempfile.gettempdir()) / f"seal-bench-{seed}-{institutions}"
    if not (folder / "README.md").is_file():
        seal_engine.generate_portfolio(folder, institutions, seed=seed,
                                       years=(2023, 2024, 2025), file_format="json",
                                       workforce=False, force=True)
    files = sorted(p for p in folder.rglob("*.json"))
    if len(files) < n_assessments:  # pragma: no cover - the estimate is generous
        raise SystemExit(f"generated {len(files)} assessments, fewer than {n_assessments}")
    return files


def _measure(kind: str, listing: Path, workers: int) -> dict:
    files = listing.read_text(encoding="utf-8").split("\n")
    start, cpu = time.perf_counter(), time.process_time()
    n = 0
    if kind == "floor":
        from seal_engine.models import Assessment

        for f in files:
            Assessment.model_validate(json.loads(Path(f).read_bytes()))
            n += 1
    else:
        for item in seal_engine.score_many(files, workers=workers):
            n += item.row is not None
    wall = time.perf_counter() - start
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"n": n, "wall": wall, "cpu": time.process_time() - cpu + kids.ru_utime
            + kids.ru_stime, "rss_mb": me.ru_maxrss / 1024, "child_rss_mb": kids.ru_maxrss / 1024}


def _run(kind: str, files: list[Path], workers: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(str(p) for p in files))
    try:
        out = subprocess.run([sys.executable, __file__, "--_measure", kind, f.name,
                              str(workers)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        os.unlink(f.name)
    return json.loads(out.stdout.strip().splitlines()[-1])


def scoring(sizes: list[int], rounds: int, cores: int) -> None:
    files = _portfolio(max(sizes))
    print("1. scoring generated assessments (JSON files, the full public-institutions standard "
          "and its versions), streamed, each run in a new process")
    print(f"   {'N':>7}  {'floor 1 core':>12}  {'1 core':>8}  {'/s/core':>7}  {'peak MB':>7}  "
          f"{f'{cores} cores':>8}  {'/s/core':>7}  {'peak MB':>13}  speed-up")
    first = None
    for n in sizes:
        part = files[:n]
        runs: dict[str, list[dict]] = {"floor": [], "one": [], "all": []}
        for _ in range(rounds):  # interleaved
            runs["floor"].append(_run("floor", part, 1))
            runs["one"].append(_run("score", part, 1))
            runs["all"].append(_run("score", part, cores))
        best = {k: min(v, key=lambda r: r["wall"]) for k, v in runs.items()}
        f, one, every = best["floor"], best["one"], best["all"]
        per_core_one = n / one["wall"]
        per_core_all = n / every["wall"] / cores
        peak_all = f"{every['rss_mb']:.0f}+{every['child_rss_mb']:.0f}/w"
        print(f"   {n:>7}  {f['wall']:>10.2f} s  {one['wall']:>6.2f} s  {per_core_one:>7.0f}  "
              f"{one['rss_mb']:>7.0f}  {every['wall']:>6.2f} s  {per_core_all:>7.0f}  "
              f"{peak_all:>13}  {one['wall'] / every['wall']:.2f}×")
        if first is None:
            first = (n, one["wall"], one["rss_mb"], every["wall"])
        else:
            print(f"      time ×{one['wall'] / first[1]:.1f} for ×{n / first[0]:.0f} the "
                  f"assessments; peak memory ×{one['rss_mb'] / first[2]:.2f}")
    if first is not None and n > first[0]:
        # the steady rate, without the start (imports, loading and compiling the standards)
        one_rate = (n - first[0]) / (one["wall"] - first[1])
        all_rate = (n - first[0]) / (every["wall"] - first[3])
        print(f"   steady rate from {first[0]} to {n}: 1 core {one_rate:.0f}/s; {cores} cores "
              f"{all_rate:.0f}/s = {all_rate / cores:.0f}/s per core "
              f"(speed-up {all_rate / one_rate:.2f}×)")
    print(f"   ratio 1 core / floor (largest N): {one['wall'] / f['wall']:.2f}")


def _pandas_view(df, bench_cols, dim_cols, weights):
    """The same tables in plain pandas: the latest result per institution, levels by group,
    mean scores, the institution × dimension pivot, pass rates by group, scores on the shared
    benchmarks, and the benchmarks whose status changed since each institution's period
    before."""
    import numpy as np
    import pandas as pd

    d = df[~df.draft]
    d = d.assign(pref=(d.kind == "reviewed").astype(int))
    best = d.sort_values(["pref", "period_end", "assessment"]).groupby(
        ["institution", "period"]).tail(1)
    ordered = best.sort_values(["period_end", "period"])
    latest = ordered.groupby("institution").tail(1)
    before = ordered.drop(latest.index).groupby("institution").tail(1)
    levels = pd.crosstab([latest.country, latest.scope], latest.level.fillna("none"))
    means = latest.groupby(["country", "scope"])[["score", *dim_cols]].mean()
    matrix = latest.set_index("institution")[dim_cols]
    status = latest[bench_cols]
    applies = status.ne("A") & status.notna()
    met = status.eq("M")
    rates = (met.groupby([latest.country, latest.scope]).sum()
             / applies.groupby([latest.country, latest.scope]).sum())
    credit = status.replace({"M": 1.0, "P": 0.5, "N": 0.0, "U": 0.0, "A": 0.0}).astype(float)
    shared = (credit * weights).sum(axis=1) / (applies * weights).sum(axis=1)
    now = latest.set_index("institution")[bench_cols]
    then = before.set_index("institution")[bench_cols].reindex(now.index).dropna(how="all")
    now = now.loc[then.index]
    a, b = now.to_numpy(), then.to_numpy()
    changed = a != b
    newly = ((a == "M") & (b != "M")).sum(axis=1)
    i, j = changed.nonzero()
    moves = list(zip(now.index[i], np.array(bench_cols)[j], b[i, j], a[i, j], strict=True))
    return levels, means, matrix, rates.sum().sort_values(), shared, newly, moves


def views(n: int, rounds: int, cores: int) -> tuple[list, dict]:
    import pandas as pd

    files = _portfolio(n)[:n]
    shapes: dict = {}
    rows = [s.row for s in seal_engine.score_many(files, workers=cores, shapes=shapes) if s.row]
    used: dict[str, int] = {}
    for r in rows:
        used[r.standard_key] = used.get(r.standard_key, 0) + 1
    shape = shapes[max(used, key=used.get)]  # the standard most results use
    common = set.intersection(*({b[0] for b in s.benchmarks} for s in shapes.values()))
    bench_ids = [b[0] for b in shape.benchmarks if b[0] in common]
    weights = pd.Series({b[0]: b[3] for b in shape.benchmarks if b[0] in common})
    dims = [d for d, _t in shape.dimensions]
    records = []
    for r in rows:
        rec = {"institution": r.institution, "period": r.period, "period_end": r.period_end,
               "assessment": r.assessment, "kind": r.kind, "draft": r.draft,
               "country": r.country, "scope": r.scope, "level": r.level, "score": r.score}
        s = shapes[r.standard_key]
        rec.update(zip([f"dim_{d}" for d, _t in s.dimensions], r.dimensions, strict=True))
        rec.update(zip([b[0] for b in s.benchmarks], r.statuses, strict=True))
        records.append(rec)
    df = pd.DataFrame(records)
    dim_cols = [f"dim_{d}" for d in dims]
    ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
    for _ in range(max(3, rounds * 2)):  # interleaved
        t, c = time.perf_counter(), time.process_time()
        seal_engine.compare_portfolio(rows, shapes, by=["country", "scope"])
        ours.append(time.perf_counter() - t)
        ours_cpu.append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        _pandas_view(df, bench_ids, dim_cols, weights)
        theirs.append(time.perf_counter() - t)
        theirs_cpu.append(time.process_time() - c)
    a, b = statistics.median(ours), statistics.median(theirs)
    ac, bc = statistics.median(ours_cpu), statistics.median(theirs_cpu)
    print(f"2. the government view of {len(rows)} scored assessments "
          f"({df.institution.nunique()} institutions, by country and scope):")
    print(f"   compare_portfolio: {a * 1e3:7.1f} ms (ranking, matrix, levels, pass rates, "
          "changes, notes)")
    print(f"   plain pandas on a ready DataFrame: {b * 1e3:7.1f} ms (the same tables: levels, "
          "means, pivot, pass rates, shared scores, changed benchmarks)")
    print(f"   CPU time: compare_portfolio {ac * 1e3:.1f} ms, pandas {bc * 1e3:.1f} ms; "
          f"ratio {ac / bc:.2f}")
    print(f"   ratio: {a / b:.2f} (aim: within 1.5)")
    return rows, shapes


def sql(n: int, rounds: int, cores: int) -> None:
    import seal_engine.store as st

    files = _portfolio(n)[:n]
    targets = [("SQLite", None)]
    if os.environ.get("SEAL_BENCH_POSTGRES_URL"):
        targets.append(("PostgreSQL", os.environ["SEAL_BENCH_POSTGRES_URL"]))
    shapes: dict = {}
    rows = [s.row for s in seal_engine.score_many(files, workers=cores, shapes=shapes) if s.row]
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in targets:
            os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
            with st.open_store(url or f"sqlite:///{tmp}/bench.db") as store:
                if url:
                    with store.engine.begin() as conn:
                        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
                        conn.exec_driver_sql("CREATE SCHEMA public")
            with st.open_store(url or f"sqlite:///{tmp}/bench.db") as store:
                t = time.perf_counter()
                st.import_assessments(store, st.SYSTEM, files)
                loaded = time.perf_counter() - t
                ours, base = [], []
                for _ in range(max(3, rounds)):
                    t = time.perf_counter()
                    stored = st.compare_stored(store, st.SYSTEM, by=["country", "scope"],
                                               parity=False)
                    ours.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    seal_engine.compare_portfolio(rows, shapes, by=["country", "scope"])
                    base.append(time.perf_counter() - t)
                a, b = statistics.median(ours), statistics.median(base)
                print(f"3. {name}: {n} assessments imported in {loaded:.0f} s; compare_stored "
                      f"{a * 1e3:.0f} ms for {stored.institutions} institutions; "
                      f"compare_portfolio on the same rows {b * 1e3:.0f} ms; ratio {a / b:.2f}")


# columns given new values in each copy of the template institutions (ids, unique codes);
# every other column is copied as it is
_REMAP = {
    "institution": {"id": "id", "code": "code", "parent_id": None},
    "assessment": {"id": "id", "code": "code", "institution_id": "id", "renewed_from": "id"},
    "result_assessment": {"assessment_id": "id", "institution_id": "id"},
    "result_benchmark": {"assessment_id": "id"},
}


def sql_scale(institutions: int, url: str, template_files: int = 30,
              rounds: int = 2, reuse: bool = False) -> None:
    """``compare_stored`` on a store of ``institutions`` institutions with their periods: the
    first ``template_files`` generated assessments imported through ``import_assessments``
    (their institutions the template), then copied in the database (INSERT ... SELECT over
    ``generate_series``, new ids and codes in each copy) until there are ``institutions``
    institutions, as a national store would hold them after years of imports."""
    import sqlalchemy as sa

    import seal_engine.store as st
    from seal_engine.store.schema import metadata

    os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    files = _portfolio(template_files)[:template_files]
    if reuse:
        with st.open_store(url) as store:
            _time_compare_stored(store, rounds)
        return
    with st.open_store(url) as store:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    with st.open_store(url) as store:
        t = time.perf_counter()
        st.import_assessments(store, st.SYSTEM, files)
        imported = time.perf_counter() - t
        with store.engine.begin() as conn:
            base = conn.execute(sa.text("SELECT count(*) FROM institution")).scalar()
            copies = max(0, -(-institutions // base) - 1)
            t = time.perf_counter()
            for name, remap in _REMAP.items():
                table = metadata.tables[name]
                cols = [c.name for c in table.columns]
                exprs = []
                for c in cols:
                    how = remap.get(c)
                    if c not in remap:
                        exprs.append(f"t.{c}")
                    elif how is None:
                        exprs.append("NULL")
                    elif how == "id":
                        exprs.append(f"CASE WHEN t.{c} IS NULL THEN NULL ELSE "
                                     f"md5(t.{c} || ':' || k) END")
                    else:
                        exprs.append(f"t.{c} || '-' || k")
                conn.exec_driver_sql(
                    f"INSERT INTO {name} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
                    f"FROM (SELECT * FROM {name}) t CROSS JOIN generate_series(1, {copies}) k")
            copied = time.perf_counter() - t
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
            counts = {n: conn.execute(sa.text(f"SELECT count(*) FROM {n}")).scalar()
                      for n in ("institution", "result_assessment", "result_benchmark")}
        print(f"3b. PostgreSQL at scale: {len(files)} assessments imported in {imported:.0f} s "
              f"({base} institutions), copied {copies} times in the database in "
              f"{copied:.0f} s: {counts['institution']} institutions, "
              f"{counts['result_assessment']} results, {counts['result_benchmark']} "
              "benchmark results")
        _time_compare_stored(store, rounds)


def _time_compare_stored(store, rounds: int) -> None:
    """compare_stored's best time, and where its statements spent theirs (the last round)."""
    import sqlalchemy as sa

    import seal_engine.store as st

    spent: dict[str, list[float]] = {}

    def before(conn, cursor, statement, parameters, context, executemany):
        context._bench_start = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        words = " ".join(statement.split())
        what = words[:70] + (" ... " + words[words.find(" FROM "):][:50] if " FROM " in words
                             else "")
        spent.setdefault(what, []).append(time.perf_counter() - context._bench_start)

    import gc

    collecting = [0.0, 0.0]  # when the collector started, seconds spent in it

    def collector(phase, info):
        if phase == "start":
            collecting[0] = time.perf_counter()
        else:
            collecting[1] += time.perf_counter() - collecting[0]

    gc.callbacks.append(collector)
    times = []
    for r in range(rounds):
        if r == rounds - 1:
            sa.event.listen(store.engine, "before_cursor_execute", before)
            sa.event.listen(store.engine, "after_cursor_execute", after)
        collecting[1] = 0.0
        t = time.perf_counter()
        c = time.process_time()
        got = st.compare_stored(store, st.SYSTEM, by=["country", "scope"], parity=False)
        times.append((time.perf_counter() - t, time.process_time() - c, collecting[1]))
        rows = got.institutions
        del got  # not walked by the next round's collections
    gc.callbacks.remove(collector)
    sa.event.remove(store.engine, "before_cursor_execute", before)
    sa.event.remove(store.engine, "after_cursor_execute", after)
    wall = min(w for w, _c, _g in times)
    cpu = min(c for _w, c, _g in times)
    in_gc = min(g for _w, _c, g in times)
    total = sum(sum(v) for v in spent.values())
    load = os.getloadavg()[0]
    print(f"   compare_stored: {wall:.2f} s wall, {cpu:.2f} s CPU in Python ({in_gc:.2f} s of "
          f"it collecting garbage), for {rows} institutions (aim: 5 s; load average "
          f"{load:.1f}); {len(spent)} kinds of statement, {total:.2f} s waiting for the "
          "database (last round), the slowest:")
    for what, v in sorted(spent.items(), key=lambda kv: -sum(kv[1]))[:6]:
        print(f"     {sum(v):6.2f} s  x{len(v)}  {what}")


def before_after(before: str, rounds: int) -> None:
    """Part 'scale' on the store left by the last run, the code at ``before`` and this code
    alternately, each in a fresh process (best of two calls), ``rounds`` times."""
    import re

    pattern = re.compile(r"compare_stored: ([\d.]+) s wall, ([\d.]+) s CPU in Python "
                         r"\(([\d.]+) s of it collecting garbage\).*?load average ([\d.]+)\);"
                         r".*?([\d.]+) s waiting for the database")
    print("3b. before/after, interleaved: wall, CPU in Python (of it collecting garbage), "
          "waiting for the database, load average")
    for _ in range(rounds):
        for label, code in (("before", str(Path(before).resolve())), ("after", str(ROOT))):
            out = subprocess.run(
                [sys.executable, __file__, "--only", "scale", "--pg-reuse", "--rounds", "2"],
                env=os.environ | {"SEAL_BENCH_CODE": code}, capture_output=True, text=True,
                check=True).stdout
            m = pattern.search(out)
            if m is None:
                raise SystemExit(f"no figure in the {label} run's output:\n{out}")
            wall, cpu, in_gc, load, db = m.groups()
            print(f"   {label:6} {float(wall):6.2f} s  {float(cpu):6.2f} s ({float(in_gc):.2f} s)"
                  f"  {float(db):5.2f} s  load {load}", flush=True)


def dask_vs_pool(n: int, rounds: int, cores: int) -> None:
    files = _portfolio(n)[:n]
    pool, dask = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        a = seal_engine.compare_files(files, workers=cores, parity=False)
        pool.append(time.perf_counter() - t)
        t = time.perf_counter()
        b = seal_engine.compare_files(files, workers=cores, executor="dask", parity=False)
        dask.append(time.perf_counter() - t)
        assert a == b
    p, d = min(pool), min(dask)
    print(f"4. compare_files on {n} assessments, {cores} workers: local pool {p:.2f} s, Dask "
          f"LocalCluster {d:.2f} s (cluster start included); ratio {d / p:.2f}")


def _by_institution(folder: Path) -> list[Path]:
    """The assessment files under ``folder`` in the order ``seal generate`` writes their
    institutions (by the number in the id), so that the first N are the first written."""
    def key(p: Path) -> tuple:
        head, _, number = p.parent.name.rpartition("-")
        return (int(number) if number.isdigit() else 0, head, p.name)

    return sorted((p for p in folder.rglob("*.json") if p.parent.name != "standards"),
                  key=key)


class _Sampler:
    """Every 2 seconds, in a thread: this process's and its descendants' memory (resident)
    and CPU (the workers' CPU is the sum over every descendant seen, at its last sample), the
    load average and how far the run is; keeps the peaks and prints a line every ``every``
    seconds."""

    def __init__(self, label: str, every: float = 30.0) -> None:
        import threading

        import psutil

        self.label, self.every, self.psutil = label, every, psutil
        self.me = psutil.Process()
        self.done = self.total = 0
        self.peak_driver = self.peak_workers = self.peak_worker = 0
        self.cpu_workers: dict[int, float] = {}
        self.start = time.perf_counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def sample(self, say: bool = True) -> None:
        driver = self.me.memory_info().rss
        workers = []
        for c in self.me.children(recursive=True):
            try:
                workers.append(c.memory_info().rss)
                t = c.cpu_times()
                self.cpu_workers[c.pid] = t.user + t.system
            except self.psutil.Error:
                continue
        self.peak_driver = max(self.peak_driver, driver)
        self.peak_workers = max(self.peak_workers, sum(workers))
        self.peak_worker = max([self.peak_worker, *workers])
        if say:
            wall = time.perf_counter() - self.start
            rate = self.done / wall if wall else 0.0
            print(f"   [{self.label}] {time.strftime('%H:%M:%S')} {wall:7.0f} s  "
                  f"{self.done:>8}/{self.total} files ({rate:5.1f}/s)  driver "
                  f"{driver / 2**20:5.0f} MB  workers {len(workers)}: "
                  f"{' '.join(f'{w / 2**20:.0f}' for w in workers)} MB  driver CPU "
                  f"{time.process_time():6.0f} s  workers CPU "
                  f"{sum(self.cpu_workers.values()):6.0f} s  load "
                  f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)

    def _loop(self) -> None:  # every 2 s for the peaks and CPU, a line every ``every``
        said = time.perf_counter()
        while not self.stop.wait(2.0):
            now = time.perf_counter()
            self.sample(say=now - said >= self.every)
            if now - said >= self.every:
                said = now

    def close(self) -> dict:
        self.sample(say=False)
        self.stop.set()
        self.thread.join()
        return {"peak driver MB": round(self.peak_driver / 2**20),
                "peak workers MB (sum)": round(self.peak_workers / 2**20),
                "peak worker MB": round(self.peak_worker / 2**20),
                "workers CPU s": round(sum(self.cpu_workers.values()), 1)}


def _dask_timed(label: str, paths: list, cores: int, executor: str, every: float):
    """One ``compare_files`` run, sampled: (comparison, figures)."""
    sampler = _Sampler(label, every)
    cpu, t = time.process_time(), time.perf_counter()
    try:
        c = seal_engine.compare_files(paths, workers=cores, executor=executor, parity=False,
                                      progress=sampler.progress)
    finally:
        wall = time.perf_counter() - t
        figures = sampler.close()
    figures = {"files": sampler.total, "wall s": round(wall, 1),
               "per s": round(sampler.total / wall, 1), "driver CPU s":
               round(time.process_time() - cpu, 1), **figures,
               "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}
    print(f"   {label}: {json.dumps(figures)}", flush=True)
    return c, figures


def dask_folder(folder: Path, n: int, rounds: int, cores: int, whole: bool,
                every: float) -> None:
    """4b. The local pool and Dask interleaved on the first ``n`` files of a generated
    folder (``rounds`` times, alternating which goes first; the comparisons checked equal),
    then Dask on the whole folder
    (listed inside the timed call, as ``seal compare DIR`` does), sampled as it goes."""
    if n:
        files = _by_institution(folder)[:n]
        print(f"4b. compare_files on the first {len(files)} files of {folder}, {cores} workers, "
              "the local pool and Dask interleaved (pool first in odd rounds, Dask first in "
              "even ones)", flush=True)
        for r in range(rounds):
            order = ("local", "dask") if r % 2 == 0 else ("dask", "local")
            got = {ex: _dask_timed(f"{'pool' if ex == 'local' else 'dask'} {r + 1}", files,
                                   cores, ex, every)[0] for ex in order}
            a, b = got["local"], got["dask"]
            same = a.model_dump_json() == b.model_dump_json()
            print(f"   round {r + 1}: the two comparisons are {'equal' if same else 'DIFFERENT'}",
                  flush=True)
            assert same
    if whole:
        print(f"4c. compare_files on every file of {folder} on a Dask LocalCluster of {cores} "
              "workers", flush=True)
        c, _ = _dask_timed("dask whole", [folder], cores, "dask", every)
        digest = hashlib.sha256(c.model_dump_json().encode()).hexdigest()[:16]
        print(f"   {c.assessments} results compared, {c.institutions} institutions "
              f"(comparison SHA-256 {digest})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="1,000 to 100,000 assessments (minutes to an hour on 2 cores)")
    parser.add_argument("--sizes", default=None, help="assessment counts, e.g. 1000,2000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--only", default=None,
                        help="comma-separated parts to run: scoring, views, sql, scale, dask")
    parser.add_argument("--view-size", type=int, default=None,
                        help="assessments for the government view (default 1,000; 10,000 "
                             "with --full)")
    parser.add_argument("--pg-institutions", type=int, default=100_000,
                        help="institutions of the PostgreSQL store of part 'scale' "
                             "(SEAL_BENCH_POSTGRES_URL; the store is emptied first)")
    parser.add_argument("--pg-reuse", action="store_true",
                        help="part 'scale' on the store left by the last run")
    parser.add_argument("--before", default=None, metavar="DIR",
                        help="with --only scale --pg-reuse: the code at DIR (e.g. a `git "
                             "archive` of an earlier commit) and this code alternately, each "
                             "in a fresh process calling compare_stored twice, --rounds times")
    parser.add_argument("--dask-size", type=int, default=None,
                        help="assessments for the Dask run (default 500; 10,000 with --full)")
    parser.add_argument("--dask-folder", default=None, metavar="DIR",
                        help="part 'dask' on a folder written by `seal generate` (JSON, e.g. "
                             "a million assessments): the pool and Dask interleaved on its first "
                             "--dask-size files, then Dask on all of it, sampled every "
                             "--dask-every seconds")
    parser.add_argument("--dask-every", type=float, default=30.0)
    parser.add_argument("--dask-whole", choices=("yes", "no"), default="yes",
                        help="with --dask-folder: also Dask on the whole folder")
    parser.add_argument("--_measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._measure:
        kind, listing, workers = args._measure
        print(json.dumps(_measure(kind, Path(listing), int(workers))))
        return
    from seal_engine.compare.executors import cores

    n_cores = args.workers or cores()
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes else
             [1000, 10000, 100000] if args.full else [1000, 4000])
    parts = set(args.only.split(",")) if args.only else {"scoring", "views", "sql", "dask"}
    if "scoring" in parts:
        scoring(sizes, args.rounds if not args.full else 1, n_cores)
    if "views" in parts:
        views(args.view_size or (10000 if args.full else 1000), args.rounds, n_cores)
    if "sql" in parts:
        sql(10000 if args.full else 300, args.rounds, n_cores)
    if "scale" in parts:
        url = os.environ.get("SEAL_BENCH_POSTGRES_URL")
        if not url:
            raise SystemExit("part 'scale' needs SEAL_BENCH_POSTGRES_URL (a database it may "
                             "empty)")
        if args.before:
            if not args.pg_reuse:
                raise SystemExit("--before needs --pg-reuse (both codes on one store)")
            before_after(args.before, args.rounds)
        else:
            sql_scale(args.pg_institutions, url, rounds=args.rounds, reuse=args.pg_reuse)
    if "dask" in parts and args.dask_folder:
        dask_folder(Path(args.dask_folder), args.dask_size or 0, args.rounds, n_cores,
                    args.dask_whole == "yes", args.dask_every)
    elif "dask" in parts:
        dask_vs_pool(args.dask_size or (10000 if args.full else 500),
                     1 if args.full else args.rounds, n_cores)


if __name__ == "__main__":
    main()
