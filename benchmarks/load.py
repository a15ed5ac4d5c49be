"""Two app servers on one PostgreSQL database, with concurrent users in headless Chromium.

Starts a PostgreSQL-backed store (``SEAL_TEST_POSTGRES_URL`` if set: a new database on that
server, dropped afterwards; else a throw-away cluster made with ``initdb``/``pg_ctl`` on
loopback, removed afterwards), loads the demo into it, adds the load's users, starts two
``seal app`` servers on it (different ports) and drives the users at once, each in its own
browser context of one headless Chromium, half of them on each server:

- **focal points** (each of their own institution's new self-assessment): open the
  questionnaire, answer several yes/no questions, change one answer again, attach a file as
  evidence, open the results;
- **assessors** (the team of one assessment under review): each declares no conflict of
  interest, opens the benchmarks given to them, one at a time, and confirms each one's computed
  status, then opens the results.

Each step's time is from the request (the address opened or the click) to the page having
finished running and drawing (the settling check's 0.6 s of quiet taken off); p50 and p95 are
printed per step and over all steps, and every error (an exception, a message of the app's
error handler, a step timing out).  Afterwards the store is checked: every answer written is
stored once, with the version its number of writes gives, and one audit entry per write; each
evidence file once; every benchmark confirmed once (its verdict's version one above where it
was); and ``seal audit verify`` passes.

Users arrive ``--ramp`` seconds apart (the first page of a new tab loads the app's scripts),
then all work at once.

    python benchmarks/load.py [--focal 14] [--assessors 6] [--ramp 1] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NSO25 = "valdoria-national-statistics-office-2025"
ML25 = "valdoria-ministry-of-labour-2025"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: the yes/no questions each focal point answers (LC-01.policy is then changed to No)
QUESTIONS = ("LC-01.policy", "LC-01.aligned", "LC-03.statement", "LC-05.in_appraisal")
EVIDENCE = "LC-01.policy_doc"
BENCHMARKS_EACH = 3
PDF = b"%PDF-1.4\n% load test evidence\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- PostgreSQL ------------------------------------------------------------------------------

def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])
    if not versions:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), and "
                         "SEAL_TEST_POSTGRES_URL is not set")
    return str(versions[-1] / name)


@contextmanager
def postgres(folder: Path):
    """A PostgreSQL URL for a new, empty database; removed afterwards."""
    given = os.environ.get("SEAL_TEST_POSTGRES_URL")
    if given:
        import sqlalchemy as sa

        name = f"seal_load_{os.getpid()}"
        admin = sa.create_engine(given, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.make_url(given).set(database=name).render_as_string(hide_password=False)
        try:
            yield url, "SEAL_TEST_POSTGRES_URL"
        finally:
            with admin.connect() as c:
                c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        return
    data = folder / "pg"
    data.mkdir()
    as_root = os.geteuid() == 0
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(folder, "postgres")
        shutil.chown(data, "postgres")
    port = _free_port()
    subprocess.run(run_as + [_pg_bin("initdb"), "-D", str(data), "-U", "seal", "-A", "trust",
                             "-E", "UTF8", "--no-sync"], check=True, stdout=subprocess.DEVNULL)
    log = folder / "pg.log"
    subprocess.run(run_as + [_pg_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
                             f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 "
                             "-c max_connections=200", "start"],
                   check=True, stdout=subprocess.DEVNULL)
    try:
        subprocess.run([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "seal",
                        "seal"], check=True)
        yield f"postgresql+psycopg://seal@127.0.0.1:{port}/seal", "a throw-away cluster"
    finally:
        subprocess.run(run_as + [_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                                 "stop"], stdout=subprocess.DEVNULL, check=False)


# --- the users -------------------------------------------------------------------------------

def prepare(url: str, focal: int, assessors: int) -> dict:
    """The demo, then ``focal`` focal points (each with a new institution and self-assessment)
    and ``assessors`` assessors on the team of the assessment under review; what each does."""
    import seal_engine.store as st

    plan: dict = {"focal": [], "assessors": []}
    with st.open_store(url) as store:
        st.init_demo(store)
        src = st.find_assessment(store, st.SYSTEM, ML25)
        country = st.get_institution(store, st.SYSTEM, src.institution_id).country
        for i in range(1, focal + 1):
            inst = st.create_institution(store, st.SYSTEM, code=f"LOAD-{i:02d}",
                                         name=f"Load Test Agency {i:02d}", country=country,
                                         scope="national")
            a = st.create_assessment(store, st.SYSTEM, inst.id, src.standard_id,
                                     src.standard_version, dt.date(2025, 1, 1),
                                     dt.date(2025, 12, 31), period_label="2025",
                                     code=f"load-agency-{i:02d}-2025")
            email = f"focal{i:02d}@load.seal"
            u = st.create_user(store, st.SYSTEM, email=email, display_name=f"Focal {i:02d}",
                               password=f"load password {i:02d}")
            st.grant_role(store, st.SYSTEM, u.id, "focal_point", institution_id=inst.id)
            plan["focal"].append({"email": email, "password": f"load password {i:02d}",
                                  "assessment": a.id, "code": a.code})
        nso = st.find_assessment(store, st.SYSTEM, NSO25)
        status = st.review_status(store, st.SYSTEM, nso.id)
        open_ = [v for v in status.benchmarks if v.decision is None]
        for i in range(1, assessors + 1):
            email = f"assessor{i:02d}@load.seal"
            u = st.create_user(store, st.SYSTEM, email=email, display_name=f"Assessor {i:02d}",
                               password=f"load password a{i:02d}")
            st.grant_role(store, st.SYSTEM, u.id, "assessor")
            st.assign_assessor(store, st.SYSTEM, nso.id, u.id)
            mine = open_[(i - 1) * BENCHMARKS_EACH:i * BENCHMARKS_EACH]
            plan["assessors"].append({"email": email, "password": f"load password a{i:02d}",
                                      "assessment": nso.id, "code": NSO25,
                                      "benchmarks": {v.benchmark_id: v.version for v in mine}})
        plan["audit_before"] = len(st.list_audit(store, st.SYSTEM, limit=100000))
    return plan


# --- the servers -----------------------------------------------------------------------------

@contextmanager
def servers(url: str, folder: Path, n: int = 2):
    env = dict(os.environ, PYTHONPATH=str(ROOT), SEAL_DATABASE_URL=url,
               SEAL_PASSWORD_PROFILE="CHEAPEST", SEAL_DATA_DIR=str(folder))
    procs, bases = [], []
    try:
        for i in range(n):
            port = _free_port()
            log = open(folder / f"app{i}.log", "wb")  # noqa: SIM115 - closed with the process
            procs.append((subprocess.Popen(
                [sys.executable, "-m", "seal_engine", "app", "--port", str(port),
                 "--address", "127.0.0.1"], cwd=ROOT, env=env, stdout=log,
                stderr=subprocess.STDOUT), log))
            bases.append(f"http://127.0.0.1:{port}")
        for (proc, _log), base in zip(procs, bases, strict=True):
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                        if r.read() == b"ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"an app server did not start; see {folder}/app*.log")
                time.sleep(0.3)
        yield bases
    finally:
        for proc, log in procs:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()


# --- the journeys ----------------------------------------------------------------------------

QUIET = 0.6  # settle(): four quiet checks 150 ms apart after the run has ended


class User:
    def __init__(self, browser, base: str, who: dict, role: str, times: list, errors: list):
        self.browser, self.base, self.who, self.role = browser, base, who, role
        self.times, self.errors = times, errors

    async def settle(self, timeout: float = 120) -> None:
        page = self.page
        await page.wait_for_selector(
            "[data-testid='stApp'][data-test-connection-state='CONNECTED']",
            state="attached", timeout=timeout * 1000)
        stable, end = 0, time.monotonic() + timeout
        while stable < 4:
            state = await page.get_attribute("[data-testid='stApp']", "data-test-script-state")
            busy = await page.locator(
                "[data-testid='stSkeleton'], [data-testid='stSpinner']").count()
            stable = stable + 1 if state == "notRunning" and not busy else 0
            if time.monotonic() > end:
                raise TimeoutError(f"the app kept running (state {state})")
            await page.wait_for_timeout(150)

    async def step(self, name: str, action) -> None:
        start = time.perf_counter()
        await action()
        await self.settle()
        self.times.append((self.role, name, time.perf_counter() - start - QUIET))
        body = await self.page.inner_text("[data-testid='stMain']")
        if "Something went wrong" in body or "Traceback" in body or \
                await self.page.locator("[data-testid='stException']").count():
            raise RuntimeError(f"{name}: the page shows an error")

    def key(self, key: str):
        return self.page.locator(f".st-key-{key.replace(':', '-').replace('.', '-')}")

    async def sign_in(self) -> None:
        self.context = await self.browser.new_context(viewport={"width": 1366, "height": 800})
        self.context.set_default_timeout(120_000)  # a loaded 2-core machine: slow, not broken
        self.page = await self.context.new_page()
        await self.page.goto(self.base + "/")
        await self.settle()
        await self.page.fill("#seal-email", self.who["email"])
        await self.page.fill("#seal-password", self.who["password"])
        await self.step("sign in", lambda: self.page.click("button[type=submit]"))

    async def go(self, name: str, path: str) -> None:
        await self.step(name, lambda: self.page.goto(self.base + path))

    async def run(self, delay: float) -> None:
        await asyncio.sleep(delay)  # people arrive one after another, then work at once
        try:
            await self.sign_in()
            if self.role == "focal_point":
                await self.focal()
            else:
                await self.assessor()
        except Exception as e:  # noqa: BLE001 - counted and reported
            if hasattr(self, "page"):
                shot = Path(self.who["folder"]) / f"error-{self.who['email']}.png"
                await self.page.screenshot(path=str(shot), full_page=True)
            self.errors.append(f"{self.role} {self.who['email']}: {type(e).__name__}: "
                               f"{str(e).splitlines()[0][:200]}")
        finally:
            if hasattr(self, "context"):
                await self.context.close()

    async def focal(self) -> None:
        aid, code = self.who["assessment"], self.who["code"]
        await self.go("questionnaire", f"/assessment?a={code}&d=LC")
        opened = set()
        for q, value in [(q, "Yes") for q in QUESTIONS] + [(QUESTIONS[0], "No")]:
            bench = q.split(".")[0]
            if bench not in opened:
                details = self.key(f"exp:{aid}:{bench}").locator("details").first
                if await details.get_attribute("open") is None:
                    await details.locator("summary").first.click()
                    await self.page.wait_for_timeout(200)
                opened.add(bench)
            radio = self.key(f"q:{aid}:{q}").get_by_role("radio", name=value)
            self.who["tried"].append((q, value == "Yes"))
            await self.step("answer", radio.click)
            if await radio.get_attribute("aria-checked") != "true":
                raise RuntimeError(f"answer {q}: the page does not show {value} chosen")
            self.who["done"].append((q, value == "Yes"))
        add = self.key(f"eva:{aid}:{EVIDENCE}").get_by_text("Add evidence")
        await self.step("add evidence (open)", add.click)
        box = self.key(f"exp:{aid}:LC-01")
        upload = Path(self.who["folder"]) / f"{code}-policy.pdf"
        upload.write_bytes(PDF)
        await box.locator("input[type=file]").first.set_input_files(str(upload))
        await self.page.wait_for_timeout(500)
        await box.get_by_label("What it is").first.fill("Signed gender equality policy")
        self.who["tried"].append((EVIDENCE, None))
        await self.step("attach evidence",
                        box.get_by_role("button", name="Attach the file").click)
        self.who["done"].append((EVIDENCE, None))
        await self.go("results", f"/results?a={code}")

    async def assessor(self) -> None:
        code = self.who["code"]
        await self.go("review", f"/review?a={code}")
        declare = self.page.get_by_role("button", name="Declare no conflict of interest")
        if await declare.count():  # a new member of the team declares it first
            await self.page.get_by_label("Your declaration, in your own words").fill(
                "I have no tie to the institution and took no part in its self-assessment.")
            await self.step("declare no conflict", declare.click)
        for bid in self.who["benchmarks"]:
            await self.go("review a benchmark", f"/review?a={code}&b={bid}")
            self.who["tried"].append((bid, None))
            await self.step("confirm", self.key(f"confirm:{bid}").locator("button").click)
            self.who["done"].append((bid, None))
        await self.go("results", f"/results?a={code}")


async def drive(bases: list[str], plan: dict, folder: Path,
                ramp: float) -> tuple[list, list, float]:
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium)")
    times: list = []
    errors: list = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=ARGS)
        users = []
        people = [("focal_point", w) for w in plan["focal"]] + \
            [("assessor", w) for w in plan["assessors"]]
        for i, (role, who) in enumerate(people):
            who.update(folder=str(folder), tried=[], done=[])
            users.append(User(browser, bases[i % len(bases)], who, role, times, errors))
        start = time.perf_counter()
        await asyncio.gather(*(u.run(i * ramp) for i, u in enumerate(users)))
        wall = time.perf_counter() - start
        await browser.close()
    return times, errors, wall


# --- the check -------------------------------------------------------------------------------

def check(url: str, plan: dict) -> list[str]:
    """What was lost or duplicated (nothing, when all is well).  A write whose step ended
    (the page settled showing it) must be stored, once; a write whose step failed (the page
    showed an error or timed out after the click) may or may not be."""
    import seal_engine.store as st

    problems: list[str] = []
    with st.open_store(url) as store:
        saves = st.list_audit(store, st.SYSTEM, limit=100000, action="answer.save")
        for who in plan["focal"]:
            a = st.get_assessment(store, st.SYSTEM, who["assessment"])
            done = [w for w in who["done"] if w[0] != EVIDENCE]
            tried = [w for w in who["tried"] if w[0] != EVIDENCE]
            for q in dict.fromkeys(q for q, _v in tried):
                low = sum(1 for w in done if w[0] == q)
                high = sum(1 for w in tried if w[0] == q)
                got = a.answers.get(q)
                version = got.version if got is not None else 0
                values = {v for w, v in tried if w == q}
                if not low <= version <= high:
                    problems.append(f"{who['code']} {q}: version {version}, expected "
                                    f"{low}" + (f" to {high}" if high > low else ""))
                elif got is not None and got.value not in values:
                    problems.append(f"{who['code']} {q}: {got.value!r}, never written")
                elif low == high and got is not None and got.value is not done[
                        max(i for i, w in enumerate(done) if w[0] == q)][1]:
                    problems.append(f"{who['code']} {q}: {got.value!r} is not the last value "
                                    "written")
            entries = sum(1 for e in saves if e.entity == f"assessment:{who['assessment']}")
            if not len(done) <= entries <= len(tried):
                problems.append(f"{who['code']}: {entries} answer.save audit entries for "
                                f"{len(done)} answers saved")
            files = sum(1 for e in a.evidence if e.requirement_id == EVIDENCE)
            want = sum(1 for w in who["done"] if w[0] == EVIDENCE)
            if not want <= files <= 1:
                problems.append(f"{who['code']}: {files} evidence items, expected {want}")
        by_id = {}
        if plan["assessors"]:
            status = st.review_status(store, st.SYSTEM, plan["assessors"][0]["assessment"])
            by_id = {v.benchmark_id: v for v in status.benchmarks}
        for who in plan["assessors"]:
            done = {b for b, _v in who["done"]}
            for bid, _v in who["tried"]:
                v, before = by_id[bid], who["benchmarks"][bid]
                ok = v.decision == "confirm" and v.version == before + 1
                if not ok and (bid in done or v.version not in (before, before + 1)):
                    problems.append(f"{bid} ({who['email']}): {v.decision} version "
                                    f"{v.version}, expected confirm version {before + 1}")
    env = dict(os.environ, PYTHONPATH=str(ROOT), SEAL_DATABASE_URL=url)
    verify = subprocess.run([sys.executable, "-m", "seal_engine", "audit", "verify"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    if verify.returncode != 0:
        problems.append(f"seal audit verify failed: {(verify.stdout + verify.stderr)[-500:]}")
    return problems


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--focal", type=int, default=14)
    parser.add_argument("--assessors", type=int, default=6)
    parser.add_argument("--ramp", type=float, default=1.0,
                        help="seconds between one user's arrival and the next's")
    parser.add_argument("--keep", action="store_true", help="keep the folder (logs)")
    args = parser.parse_args()
    os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    folder = Path(tempfile.mkdtemp(prefix="seal-load-"))
    try:
        with postgres(folder) as (url, where):
            t = time.perf_counter()
            plan = prepare(url, args.focal, args.assessors)
            print(f"PostgreSQL ({where}); demo and {args.focal} focal points, "
                  f"{args.assessors} assessors loaded in {time.perf_counter() - t:.1f} s")
            with servers(url, folder) as bases:
                print(f"two app servers: {', '.join(bases)}")
                times, errors, wall = asyncio.run(drive(bases, plan, folder, args.ramp))
            try:
                problems = check(url, plan)
            except Exception as e:  # noqa: BLE001 - reported with the figures
                problems = [f"the check itself failed: {type(e).__name__}: {e}"]
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"(kept: {folder})")
    users = args.focal + args.assessors
    print(f"{users} users at once ({args.focal} focal points, {args.assessors} assessors), "
          f"two servers, {len(times)} steps in {wall:.1f} s")
    print(f"  {'role':<12} {'step':<22} {'n':>4} {'p50 s':>7} {'p95 s':>7}")
    for key in sorted({(r, s) for r, s, _t in times}):
        ts = [t for r, s, t in times if (r, s) == key]
        print(f"  {key[0]:<12} {key[1]:<22} {len(ts):>4} {statistics.median(ts):7.2f} "
              f"{_pct(ts, 0.95):7.2f}")
    every = [t for _r, _s, t in times]
    if every:
        print(f"  {'all':<12} {'':<22} {len(every):>4} {statistics.median(every):7.2f} "
              f"{_pct(every, 0.95):7.2f}")
    print(f"errors: {len(errors)}")
    for e in errors:
        print(f"  {e}")
    writes = sum(len(w["done"]) for w in plan["focal"] + plan["assessors"])
    print(f"lost or duplicated: {len(problems)} of {writes} writes that ended" + (
        " (every answer stored once with its version and one audit entry, each evidence "
        "file once, every benchmark confirmed once; seal audit verify passes)"
        if not problems else ""))
    for p in problems:
        print(f"  {p}")
    if errors or problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
