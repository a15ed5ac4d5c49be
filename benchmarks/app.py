"""How long each page of the app takes to render, for each role, on the demo database.

Every page is run by Streamlit's ``AppTest`` (the page's whole script: the store's queries,
scoring, charts and tables, and AppTest turning the page into elements), warm, as the signed-in
demo user of its role; the median of the rounds is printed.  The baseline, measured in the same
rounds, is a page that only writes a title: what Streamlit itself costs.  The aim is every page
well under a second; ``ratio`` is the slowest page against the baseline.

``--browser`` also times, in headless Chromium against ``streamlit run``, switching to each
page from the menu until the page has finished running (what a user waits for), at a laptop's
(1366 x 800) and a wide screen's (1920 x 1080) size, ``--browser-rounds`` times per page: the
median and the 90th percentile.  *Drawn* is taken on the browser's own clock, from the click
event to the first frame after the page's last change (a ``MutationObserver`` kept in the page);
*settled*, the older measure, from before Playwright's click until four checks 150 ms apart saw
the script finished and nothing loading, 0.6 s taken off.  ``--before DIR`` serves a checkout of
the code before (``git archive <commit> | tar -x -C DIR``) beside this one on the same
database, each click made on one and then the other, the order swapped every round;
``--only "role [page]"`` keeps some pages (a page clicked alone is a rerun, not a page change:
keep two); ``--browser-only`` skips the page scripts.

The page scripts are compiled once, as the server does (its ``Runtime`` keeps one
``ScriptCache`` for every session); ``AppTest`` alone compiles ``main.py`` and the page's script
again on every run (0.03 s and up to 0.10 s), which ``--compile-every-run`` keeps, to compare
with the figures taken before 2026-12-07's third round.

``--statements`` counts the SQL statements of one warm run of each page (SQLAlchemy's
``before_cursor_execute``) and how many repeat one already made in that run (same text, same
parameters); ``--profile "role page [d]"`` prints cProfile's view of one warm run of that page,
taken inside the thread that runs the script.

``--institutions N`` adds a generated portfolio of N institutions x 3 periods
(``seal_engine.compare.generate_portfolio``, JSON, no staff files) to the demo database through
``import_assessments``, the store's import path; ``--db FILE`` keeps that database between runs
(it is built once: the import takes minutes).

    python benchmarks/app.py [--rounds 5] [--browser] [--browser-rounds 5] [--statements]
                             [--profile "focal_point assessment WE"]
                             [--institutions 1000 --db /tmp/seal-1000.db]
                             [--browser-only] [--before /tmp/before] [--only analyst]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAIN = str(ROOT / "seal_engine" / "app" / "main.py")
ML25, NSO25 = "valdoria-ministry-of-labour-2025", "valdoria-national-statistics-office-2025"
PAGES = [  # (role, page, query parameters)
    ("focal_point", "home", {}),
    ("focal_point", "assessment", {"a": ML25, "d": "LC"}),
    ("focal_point", "assessment", {"a": ML25, "d": "WE"}),
    ("focal_point", "assessment", {"a": ML25, "d": "_staff"}),
    ("focal_point", "assessment", {"a": ML25, "d": "_submit"}),
    ("focal_point", "results", {"a": ML25}),
    ("focal_point", "plan", {"a": ML25}),
    ("assessor", "home", {}),
    ("assessor", "review", {"a": NSO25}),
    ("assessor", "results", {"a": NSO25}),
    ("analyst", "home", {}),
    ("analyst", "portfolio", {}),
    ("analyst", "results", {"a": "port-aurel-municipality-2025"}),
    ("analyst", "standards", {}),
    ("admin", "admin", {}),
    ("admin", "portfolio", {}),
    ("admin", "account", {}),
]
EMAILS = {"focal_point": "focal@demo.seal", "assessor": "assessor@demo.seal",
          "analyst": "analyst@demo.seal", "admin": "admin@demo.seal"}
BLANK = "import streamlit as st\nst.title('A page')\n"


def _prepare(folder: Path, institutions: int = 0, db: Path | None = None) -> str:
    """A demo database with a drafted action plan (and ``institutions`` generated institutions
    x 3 periods), in ``folder`` or at ``db`` (reused when it is there); its URL."""
    import seal_engine as se
    import seal_engine.store as st

    path = db or folder / "seal.db"
    url = f"sqlite:///{path}"
    if db is not None and db.exists():
        print(f"(reusing {db})")
        return url
    with st.open_store(url) as store:
        st.init_demo(store)
        if institutions:
            from seal_engine.compare.generate import generate_portfolio

            start = time.perf_counter()
            generate_portfolio(folder / "portfolio", institutions, file_format="json",
                               workforce=False, years=(2023, 2024, 2025))
            files = sorted((folder / "portfolio").rglob("*.json"))
            for i in range(0, len(files), 100):
                st.import_assessments(store, st.SYSTEM, files[i:i + 100])
            print(f"({len(files)} generated assessments of {institutions} institutions "
                  f"imported in {time.perf_counter() - start:.0f} s)")
        focal = st.authenticate(store, "focal@demo.seal", "demo-focal-password")
        a = st.find_assessment(store, focal, ML25)
        model = st.assessment_model(store, focal, a.id)
        std = st.get_standard(store, a.standard_id, a.standard_version)
        st.save_action_plan(store, focal, a.id, se.draft_plan(std, model), 0)
    return url


def _apps(url: str) -> dict:
    from streamlit.testing.v1 import AppTest

    import seal_engine.store as st
    from seal_engine.app.session import app_store

    store = app_store(url)
    ids = {role: st.find_user(store, st.SYSTEM, email).id for role, email in EMAILS.items()}
    apps = {}
    for role, page, params in PAGES:
        at = AppTest.from_file(MAIN, default_timeout=120)
        at.session_state["_user"] = ids[role]
        at.run()
        at.switch_page(f"views/{page}.py")
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        if at.exception or at.error:
            raise SystemExit(f"{role} {page} {params} fails: "
                             f"{[e.value for e in at.exception or at.error]}")
        apps[(role, page, tuple(params.items()))] = at
    return apps


def _compile_once() -> None:
    """One ``ScriptCache`` for every run, as ``streamlit run`` has (``Runtime._script_cache``):
    ``AppTest`` makes a new one for each run and so compiles the scripts each time."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


_CPU: list[float] = []  # the script thread's CPU seconds of each run


def _count_cpu() -> None:
    """Keep the CPU time of the thread that runs each script (``time.thread_time``): on a
    shared machine it says what a run costs when its wall-clock time says how busy the other
    processes kept the cores."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    real = LocalScriptRunner._run_script_thread

    def counted(self):
        start = time.thread_time()
        try:
            real(self)
        finally:
            _CPU.append(time.thread_time() - start)

    LocalScriptRunner._run_script_thread = counted


def _time(at) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``at``."""
    _CPU.clear()
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start, sum(_CPU)


def _statements(apps: dict, url: str) -> None:
    """Statements of one warm run of each page: all of them, and those repeating one already
    made in the run (same text and parameters)."""
    import sqlalchemy as sa

    from seal_engine.app.session import app_store

    seen: list[tuple[str, str]] = []

    def count(_conn, _cursor, statement, parameters, _context, _many):
        if statement.startswith(("BEGIN", "ROLLBACK", "COMMIT", "PRAGMA")):
            return
        seen.append((statement, repr(parameters)))

    engine = app_store(url).engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        print("statements in one warm run (all, repeated)")
        for (role, page, params), at in apps.items():
            seen.clear()
            at.run()
            where = " ".join(f"{k}={v}" for k, v in params)
            print(f"  {role:<12} {page:<11} {where:<52} {len(seen):5d} "
                  f"{len(seen) - len(set(seen)):5d}")
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def _profile(apps: dict, which: str) -> None:
    """cProfile of one warm run of the page ``which`` ("role page [section]"), inside the
    script's thread (AppTest runs the script in a thread of its own)."""
    import cProfile
    import pstats

    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    role, page, *rest = which.split()
    key = next(k for k in apps if k[0] == role and k[1] == page
               and (not rest or rest[0] == "-" or dict(k[2]).get("d") == rest[0]))
    profiler = cProfile.Profile()
    real = LocalScriptRunner._run_script_thread

    def profiled(self):
        profiler.enable()
        try:
            real(self)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        apps[key].run()
    finally:
        LocalScriptRunner._run_script_thread = real
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(45)
    if len(rest) > 1:  # "role page section function": what that function calls
        stats.print_callees(rest[1])


SIZES = {"1366x800": (1366, 800), "1920x1080": (1920, 1080)}
TITLES = {"home": "Home", "assessment": "Self-assessment", "results": "Results",
          "plan": "Gaps and action plan", "review": "Review", "portfolio": "Portfolio",
          "standards": "Standards", "admin": "Administration", "account": "Your account"}
#: Kept in the page from its first script on: the time of the last click (the event's own
#: time), of the last change of the page (any element, attribute or text) and of the first
#: frame drawn after it.  The page is drawn at that frame; it is read once the page has been
#: quiet for QUIET seconds.
WATCH = """
window.__seal = {click: 0, mutation: 0, frame: 0};
document.addEventListener('click', (e) => {
  window.__seal = {click: e.timeStamp, mutation: e.timeStamp, frame: e.timeStamp};
}, true);
new MutationObserver(() => {
  window.__seal.mutation = performance.now();
  requestAnimationFrame(() => { window.__seal.frame = performance.now(); });
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
QUIET = 0.6


def _serve(root: Path, url: str) -> tuple[object, str]:
    """``streamlit run app.py`` of the checkout at ``root`` on the database ``url``: the
    process and its address, once it answers."""
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(root), SEAL_DATABASE_URL=url)
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                               "--server.headless", "true", "--server.port", str(port),
                               "--server.address", "127.0.0.1",
                               "--server.fileWatcherType", "none",
                               "--browser.gatherUsageStats", "false"],
                              cwd=root, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    return server, base


def _click(j, page: str) -> tuple[float, float]:
    """Click ``page`` in the menu of the tab ``j`` and wait for it: the seconds the browser
    took from the click to the first frame drawn after the page's last change, and the older
    measure (from before the click until the script has finished and four checks 150 ms apart
    saw nothing loading, those 0.6 s taken off)."""
    link = j.page.locator("[data-testid='stSidebarNav'] a", has_text=TITLES[page]).first
    start = time.perf_counter()
    link.click()
    j.page.wait_for_timeout(50)
    j.settle(60)
    settled = time.perf_counter() - start - 0.6
    end = time.monotonic() + 30
    while time.monotonic() < end:
        marks = j.page.evaluate("[performance.now(), window.__seal]")
        now, seen = marks
        if now - seen["mutation"] > QUIET * 1000 and now - seen["frame"] > QUIET * 1000:
            break
        j.page.wait_for_timeout(100)
    return (max(seen["frame"], seen["mutation"]) - seen["click"]) / 1000, settled


def _browser(url: str, data: Path, rounds: int, before: Path | None = None,
             only: str | None = None) -> dict[tuple[str, str, str], list[tuple[float, float]]]:
    """Per code ("after", and "before" with ``before``), screen size and role and page, the
    (drawn, settled) seconds of ``rounds`` clicks in the menu (see :func:`_click`); with
    ``before``, a second server of that checkout on the same database, each click made on one
    and then the other, the order swapped every round."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from tests.e2e_kit import ARGS, Journey

    chromium = shutil.which("chromium")
    if chromium is None:
        print("(no chromium: the browser timings are skipped)")
        return {}
    roots = {"after": ROOT, **({"before": before} if before else {})}
    servers = {code: _serve(root, url) for code, root in roots.items()}
    out: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            for size, (width, height) in SIZES.items():
                for role, email in EMAILS.items():
                    pages = [p for p in dict.fromkeys(p for r, p, _q in PAGES if r == role)
                             if not only or f"{role} {p}".startswith(only)]
                    if not pages:
                        continue
                    tabs = {}
                    for code, (_server, base) in servers.items():
                        j = tabs[code] = Journey(browser, base, [data])
                        j.page.add_init_script(WATCH)
                        j.page.set_viewport_size({"width": width, "height": height})
                        j.sign_in(email, _password(role))
                    for n in range(rounds):
                        order = list(tabs) if n % 2 == 0 else list(reversed(tabs))
                        for page in pages:
                            for code in order:
                                out.setdefault((code, size, f"{role} {page}"), []).append(
                                    _click(tabs[code], page))
                    for j in tabs.values():
                        j.context.close()
            browser.close()
    finally:
        for server, _base in servers.values():
            server.terminate()
            server.wait(timeout=20)
    return out


def _report_browser(measured: dict, rounds: int) -> None:
    """Median and 90th percentile of each page's clicks, drawn and settled (see
    :func:`_click`), the code before beside the code after when both were served."""
    if not measured:
        return
    codes = list(dict.fromkeys(code for code, _s, _n in measured))
    print(f"in Chromium, from a click in the menu to the page drawn ({rounds} clicks each; "
          f"median and 90th percentile, seconds): drawn = the browser's own clock to the "
          f"frame after the page's last change; settled = the older measure")
    print(f"  {'':<10} {'':<22}" + "".join(f" {code + ': drawn':>13} {'settled':>13}"
                                           for code in codes))
    for screen, name in dict.fromkeys((s, n) for _c, s, n in measured):
        cells = ""
        for code in codes:
            ts = measured[(code, screen, name)]
            drawn, settled = [t[0] for t in ts], [t[1] for t in ts]
            cells += (f"  {statistics.median(drawn):5.2f} {_p90(drawn):5.2f}"
                      f"   {statistics.median(settled):5.2f} {_p90(settled):5.2f}")
        print(f"  {screen:<10} {name:<22}{cells}")
    for code in codes:
        worst = max(_p90([t[0] for t in ts]) for (c, _s, _n), ts in measured.items()
                    if c == code)
        over = sum(1 for (c, _s, _n), ts in measured.items()
                   if c == code and _p90([t[0] for t in ts]) >= 1)
        print(f"{code}: slowest page drawn at the 90th percentile {worst:.2f} s; "
              f"{over} of {sum(1 for c, _s, _n in measured if c == code)} at 1 s or more "
              f"(aim: under 1 s)")


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, -(-9 * len(ordered) // 10) - 1))]


def _password(role: str) -> str:
    import seal_engine.store as st

    return next(u.password for u in st.DEMO_USERS if u.role == role)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--browser-rounds", type=int, default=5)
    parser.add_argument("--compile-every-run", action="store_true",
                        help="compile the scripts on every run, as AppTest alone does")
    parser.add_argument("--statements", action="store_true",
                        help="count the statements of one warm run of each page")
    parser.add_argument("--profile", default=None,
                        help='cProfile one warm run of a page: "role page [section|- [function]]"; '
                             'with a function, also what it calls')
    parser.add_argument("--institutions", type=int, default=0,
                        help="add a generated portfolio of this many institutions x 3 periods")
    parser.add_argument("--db", type=Path, default=None,
                        help="build the database here and reuse it on the next run")
    parser.add_argument("--before", type=Path, default=None,
                        help="with --browser: a checkout of the code before, served beside "
                             "this one on the same database, clicks interleaved")
    parser.add_argument("--only", default=None,
                        help='with --browser: only the pages starting so ("focal_point", '
                             '"analyst portfolio")')
    parser.add_argument("--browser-only", action="store_true",
                        help="time the pages in Chromium only, not their scripts")
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)  # Streamlit's "no script run context" notes
    os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = _prepare(folder, args.institutions, args.db)
        os.environ["SEAL_DATABASE_URL"] = url
        (folder / "blank.py").write_text(BLANK, encoding="utf-8")
        if not args.compile_every_run:
            _compile_once()
        from streamlit.testing.v1 import AppTest

        if args.browser_only:
            _report_browser(_browser(url, folder, args.browser_rounds, args.before,
                                     args.only), args.browser_rounds)
            return
        blank = AppTest.from_file(str(folder / "blank.py"), default_timeout=60)
        blank.run()
        apps = _apps(url)
        if args.statements:
            _statements(apps, url)
        if args.profile:
            _profile(apps, args.profile)
            return
        _count_cpu()
        times: dict = {key: [] for key in apps}
        cpu: dict = {key: [] for key in apps}
        base: list[float] = []
        base_cpu: list[float] = []
        for _ in range(args.rounds):  # interleaved: the baseline, then every page
            wall, used = _time(blank)
            base.append(wall)
            base_cpu.append(used)
            for key, at in apps.items():
                wall, used = _time(at)
                times[key].append(wall)
                cpu[key].append(used)
        size = (f"demo database + {args.institutions} institutions x 3 periods"
                if args.institutions else "demo database")
        if args.db is not None:  # a database kept from an earlier run: say what it holds
            import sqlalchemy as sa

            engine = sa.create_engine(url)
            with engine.connect() as conn:
                n = conn.execute(sa.text("SELECT COUNT(*) FROM assessment")).scalar()
                m = conn.execute(sa.text("SELECT COUNT(*) FROM institution")).scalar()
            engine.dispose()
            size = f"database {args.db.name}: {m} institutions, {n} assessments"
        print(f"{size}, {args.rounds} rounds, median seconds per page run (AppTest): "
              f"wall-clock, and CPU of the script's thread")
        for (role, page, params), ts in times.items():
            where = " ".join(f"{k}={v}" for k, v in params)
            print(f"  {role:<12} {page:<11} {where:<52} {statistics.median(ts):6.3f} "
                  f"{statistics.median(cpu[(role, page, params)]):6.3f}")
        slowest = max(statistics.median(ts) for ts in times.values())
        baseline = statistics.median(base)
        print(f"  baseline (a page with a title only)                                    "
              f"{baseline:6.3f} {statistics.median(base_cpu):6.3f}")
        print(f"slowest page script: {slowest:.3f} s (aim: 0.150 s)")
        if args.browser:
            _report_browser(_browser(url, folder, args.browser_rounds, args.before,
                                     args.only), args.browser_rounds)
        print(f"ratio: {slowest / baseline:.2f}")


if __name__ == "__main__":
    main()
