"""The app end to end: ``streamlit run app.py`` in demo mode on a demo database (``seal db init
--demo``), driven in headless Debian Chromium by Playwright at 1366 x 768.

One journey through the Seal cycle, a screenshot at every step (in the test's folder, and in
``$SEAL_E2E_ARTIFACTS`` when set, to look at): the focal point signs in, answers questions of
several types, reloads and finds them kept, attaches evidence and a staff data file, sees the
level change, edits the action plan and downloads it, and submits; the assessor overrides a
benchmark, rejects an evidence item and certifies; the analyst opens the portfolio.  Skipped,
saying why, where Chromium is not installed (``.ci/run`` installs it)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from . import e2e_kit as kit
from .conftest import ROOT
from .e2e_kit import ARGS, CHROMIUM, E2E, ML25, Journey, open_store  # noqa: F401 - re-exported

# the fixtures: the demo app served, the browser, the screenshots' folders
server, browser, shots = kit.server, kit.browser, kit.shots
pytestmark = E2E
PDF = b"%PDF-1.4\n% monitoring report\n"


def _store(data: Path):
    return open_store(data)


def _answers(data: Path, code: str) -> dict:
    import seal_engine.store as st

    with _store(data) as store:
        a = st.find_assessment(store, st.SYSTEM, code)
        return {k: v.value for k, v in st.get_assessment(store, st.SYSTEM, a.id)
                .answers.items()}, a


def _expand(j: Journey, title: str) -> None:
    details = j.page.locator("[data-testid='stExpander'] details", has_text=title).first
    if details.get_attribute("open") is None:  # closed (an open one has the attribute)
        details.locator("summary").first.click()
        j.page.wait_for_timeout(300)


def _level(j: Journey) -> str:
    j.go(f"/results?a={ML25}")
    metric = j.page.locator("[data-testid='stMetric']", has_text="Level reached").first
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_the_seal_cycle_in_a_browser(server, browser, shots, tmp_path):
    base, data = server
    j = Journey(browser, base, shots)
    # --- the focal point: sign in on the first start (the demo database is created)
    j.go("/")
    assert "Sign in" in j.text() and "focal@demo.seal" in j.text()
    j.shot("01-sign-in")
    j.sign_in("focal@demo.seal", "demo-focal-password")
    assert "Welcome, Farah Focal" in j.text()
    j.shot("02-focal-home")
    # the programme's steps before the application: all done for the Ministry of Labour
    j.go("/process")
    assert "Approved by the Gender Equality Committee on 20 November 2024" in j.text()
    assert "Application: the external assessment" in j.text()
    j.shot("02b-programme-steps")
    answers, a = _answers(data, ML25)
    aid = a.id
    # answers of several types: choices (pills), a percentage, yes/no
    j.go(f"/assessment?a={ML25}&d=PC")
    j.key(f"exp:{aid}:PC-06").locator("summary").first.click()  # answered ("none"): closed
    j.settle()
    j.key(f"q:{aid}:PC-06.criteria").get_by_role(
        "button", name="Points for bidders with gender equality policies").click()
    j.settle()
    j.shot("03-answer-choices")
    j.go(f"/assessment?a={ML25}&d=WE")
    j.key(f"exp:{aid}:WE-16").locator("summary").first.click()
    j.settle()
    # no survey held: its questions are not asked; once there is one, they are
    assert j.key(f"q:{aid}:WE-16.response_rate").count() == 0
    j.key(f"q:{aid}:WE-16.survey").get_by_role("radio", name="Yes").click()
    j.settle()
    field = j.key(f"q:{aid}:WE-16.response_rate").locator("input")
    field.fill("64")
    field.press("Tab")
    j.settle()
    j.key(f"q:{aid}:WE-16.by_sex").get_by_role("radio", name="Yes").click()
    j.settle()
    j.shot("04-answer-number-and-yes-no")
    saved, _ = _answers(data, ML25)
    assert saved["PC-06.criteria"] == ["scoring_criteria"]
    assert saved["WE-16.response_rate"] == 64 and saved["WE-16.by_sex"] is True
    # reload: nothing is lost
    j.page.reload()
    j.settle(60)
    assert j.key(f"q:{aid}:WE-16.response_rate").locator("input").input_value() == "64.0"
    chosen = j.key(f"q:{aid}:WE-16.by_sex").locator("[role=radio][aria-checked=true]")
    assert chosen.text_content() == "Yes"
    j.shot("05-after-reload")
    # evidence for a requirement
    j.go(f"/assessment?a={ML25}&d=RI")
    _expand(j, "Measurable progress on women")
    expander = j.page.locator("[data-testid='stExpander']",
                              has_text="Measurable progress on women").first
    j.key(f"eva:{aid}:RI-01.impact_data").get_by_text("Add evidence").click()
    j.settle()
    pop = expander
    upload = tmp_path / "monitoring-report-2025.pdf"
    upload.write_bytes(PDF)
    pop.locator("input[type=file]").first.set_input_files(str(upload))
    j.page.wait_for_timeout(500)
    pop.get_by_label("What it is").first.fill("Monitoring report 2025")
    pop.get_by_role("button", name="Attach the file").click()
    j.settle()
    assert "monitoring-report-2025.pdf" in j.text()
    j.shot("06-evidence-attached")
    # the staff data file
    j.go(f"/assessment?a={ML25}&d=_staff")
    staff = ROOT / "assessments/valdoria-ministry-of-labour/workforce-2025.csv"
    # the staff data's own uploader (the page also has the form export's)
    j.page.locator("[data-testid='stFileUploader']", has_text="Staff data file").locator(
        "input[type=file]").set_input_files(str(staff))
    j.page.wait_for_timeout(500)
    j.click("Check and upload")
    assert "The file is checked and stored" in j.text()
    j.shot("07-staff-data")
    # the level changes with the answers
    assert _level(j) == "Silver"
    j.shot("08-results-silver")
    j.go(f"/assessment?a={ML25}&d=LC")
    _expand(j, "An approved gender equality policy")
    j.key(f"q:{aid}:LC-01.policy").get_by_role("radio", name="No").click()
    j.settle()
    assert _level(j) == "No level"
    j.shot("09-results-level-lost")
    j.go(f"/assessment?a={ML25}&d=LC")
    _expand(j, "An approved gender equality policy")
    j.key(f"q:{aid}:LC-01.policy").get_by_role("radio", name="Yes").click()
    j.settle()
    assert _level(j) == "Silver"
    # the action plan: drafted, a cell edited, downloaded
    j.go(f"/plan?a={ML25}")
    j.shot("10-gaps")
    j.click("Draft the action plan")
    grid = j.page.locator("[data-testid='stDataFrame']").first  # the plan (gaps: a table)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    keys = j.page.keyboard
    j.page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)  # row 1, column No.
    for step in ("ArrowRight", "Enter", "Control+a"):  # to Activity, edit, select its text
        j.page.wait_for_timeout(300)  # the grid acts on keys only once it has drawn
        keys.press(step)
    keys.type("Evaluate the rural cash transfer for its effects on women", delay=10)
    j.page.wait_for_timeout(300)
    keys.press("Enter")
    import seal_engine.store as st

    deadline = time.monotonic() + 20
    while True:  # the grid sends its edit after a short pause; the page saves it on the rerun
        j.settle()
        with _store(data) as store:
            plan, version = st.get_action_plan(store, st.SYSTEM, aid)
        if plan.rows[0].activity.startswith("Evaluate the rural") or \
                time.monotonic() > deadline:
            break
        j.page.wait_for_timeout(300)
    assert plan.rows[0].activity == "Evaluate the rural cash transfer for its effects on women"
    assert version >= 2
    j.shot("11-action-plan-edited")
    with j.page.expect_download() as download:
        j.page.get_by_role("button", name="Download XLSX").click()
    xlsx = Path(shots[0]) / "action-plan.xlsx"
    download.value.save_as(str(xlsx))
    import openpyxl

    book = openpyxl.load_workbook(xlsx)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row if c]
    assert "Evaluate the rural cash transfer for its effects on women" in cells
    for extra in shots[1:]:
        shutil.copyfile(xlsx, extra / xlsx.name)
    # submit
    j.go(f"/assessment?a={ML25}&d=_submit")
    assert "Every required question is answered" in j.text()
    j.click("Submit for review")
    j.click("Yes, submit")
    assert "Submitted" in j.text()
    j.shot("12-submitted")
    j.context.close()

    # --- the assessor: override a benchmark, reject an evidence item, certify
    j = Journey(browser, base, shots)
    j.n = 12
    j.sign_in("assessor@demo.seal", "demo-assessor-password")
    assert "waiting for your review" in j.text()
    j.shot("13-assessor-home")
    j.go(f"/review?a={ML25}")
    j.click("Start the review")
    j.shot("14-review-started")
    picker = j.key(f"rb:{aid}")
    picker.click()
    j.page.keyboard.type("CK-03 ")
    j.page.keyboard.press("Enter")
    j.settle()
    j.page.get_by_role("button", name="Override the status").click()
    pop = j.page.locator("[data-testid='stPopoverBody']").last
    pop.locator("textarea").fill("The publication covers staff figures only, not results.")
    pop.get_by_role("button", name="Override").click()
    j.settle()
    j.shot("15-overridden")
    with _store(data) as store:
        item = next(e for e in st.get_assessment(store, st.SYSTEM, aid).evidence
                    if e.requirement_id == "CK-03.publication")
    reason = j.key(f"rr:{item.id}").locator("input")
    reason.fill("The file is last year's publication.")
    reason.press("Tab")
    j.settle()
    j.key(f"rv:{item.id}").get_by_role("radio", name="Reject").click()
    j.settle()
    j.shot("16-evidence-rejected")
    with _store(data) as store:
        status = st.review_status(store, st.SYSTEM, aid)
        verdicts = {v.benchmark_id: v for v in status.benchmarks}
        rejected = [e for e in st.get_assessment(store, st.SYSTEM, aid).evidence
                    if e.verdict == "rejected"]
    assert verdicts["CK-03"].decision == "override"
    assert rejected and rejected[0].verdict_reason == "The file is last year's publication."
    # every other evidence item and mandatory benchmark is decided on its own (through the
    # service here, as the benchmark panel does it); the rest is confirmed in one act
    with _store(data) as store:
        assessor = st.authenticate(store, "assessor@demo.seal", "demo-assessor-password")
        for eid in st.review_status(store, assessor, aid).evidence_pending:
            st.review_evidence(store, assessor, eid, "accepted", 0)
        for v in st.review_status(store, assessor, aid).benchmarks:
            if v.open and v.mandatory_from is not None:
                st.review_benchmark(store, assessor, aid, v.benchmark_id, "confirm", v.version)
    j.go(f"/review?a={ML25}")
    assert "Accept the" not in j.text()  # evidence is never accepted in bulk
    j.page.get_by_role("button", name="Confirm the computed status", exact=False).first.click()
    j.settle()
    j.click("Yes, confirm them")
    j.settle(60)
    j.click("Recommend certification")
    assert "A programme officer who is not on the team decides" in j.text()
    j.shot("16b-recommend-asked-once-more")
    j.click("Yes, recommend it")
    j.go(f"/review?a={ML25}")
    assert "waits for the programme's decision" in j.text()
    with _store(data) as store:
        assert st.find_assessment(store, st.SYSTEM, aid).state == "recommended"
    j.context.close()

    # --- the programme officer: the award, four eyes
    j = Journey(browser, base, shots)
    j.n = 16
    j.sign_in("programme@demo.seal", "demo-programme-password")
    assert "1 recommendation waits for your decision" in j.text()
    j.go(f"/awards?a={ML25}")
    assert "The team recommends" in j.text() and "The assessment team" in j.text()
    j.shot("17-award-decision")
    j.click("Certify")
    assert "The certificate is issued at once" in j.text()
    j.click("Yes, certify")
    j.settle(60)
    with _store(data) as store:
        assert st.find_assessment(store, st.SYSTEM, aid).state == "certified"
    j.go(f"/awards?a={ML25}")
    j.shot("17b-certified")
    j.context.close()

    # --- the analyst: the portfolio
    j = Journey(browser, base, shots)
    j.n = 17
    j.sign_in("analyst@demo.seal", "demo-analyst-password")
    j.shot("18-analyst-home")
    j.go("/portfolio")
    assert "Ministry of Labour" in j.text()
    j.shot("19-portfolio")
    j.go("/admin")  # another role's address: nothing of it, and said so
    assert "Not part of your role" in j.text() and "Audit trail" not in j.text()
    j.shot("20-not-part-of-the-role")
    j.context.close()

    # --- a link followed before signing in leads there after signing in
    j = Journey(browser, base, shots)
    j.n = 20
    j.go(f"/results?a={ML25}")
    assert "Sign in" in j.text()
    j.page.fill("#seal-email", "focal@demo.seal")
    j.page.fill("#seal-password", "demo-focal-password")
    j.page.click("button[type=submit]")
    j.settle(60)
    assert "Results" in j.text() and "Certified" in j.text()
    j.shot("21-deep-link-after-sign-in")
    j.context.close()
