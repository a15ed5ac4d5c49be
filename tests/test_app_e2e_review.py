"""The assessor's Review page in a browser (headless Debian Chromium, Playwright), at a laptop's
1366 x 800 and a 1920 x 1080 screen: the Ministry of Labour's 2025 assessment submitted again
after the demo's send-back, with an answer changed and a PDF attached (the focal point's
submit section first, listing the team's request as answered); the Review page shows the
review's progress, the filters, previous / next, the changes since the last submission, and
the PDF read in the page as pictures of its pages.  Screenshots are kept in the test's folder
(and in ``$SEAL_E2E_ARTIFACTS`` when set).  Reuses the fixtures of ``test_app_e2e``."""

from __future__ import annotations

import pytest

from .test_app_e2e import CHROMIUM, Journey, _store, browser, server, shots  # noqa: F401

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install "
                       "chromium; .ci/run does): the app's end-to-end tests need a browser"),
]
ML25 = "valdoria-ministry-of-labour-2025"


def _answer_the_request(data) -> str:
    """The focal point answers the demo's request (a monitoring report on RI-01) and changes
    an answer; returns the report's evidence id."""
    import seal_engine.store as st
    from seal_engine.store.demo import demo_pdf

    with _store(data) as store:
        focal = st.authenticate(store, "focal@demo.seal", "demo-focal-password")
        aid = st.find_assessment(store, st.SYSTEM, ML25).id
        info = st.get_assessment(store, focal, aid)
        standard = st.get_standard(store, info.standard_id, info.standard_version)
        answer = info.answers["CK-01.forms_reviewed"]
        st.save_answer(store, focal, aid, "CK-01.forms_reviewed",
                       "yes" if answer.value == "no" else "no", answer.version)
        pdf = demo_pdf("Monitoring report 2025: results for women",
                       "Women in decision posts rose from 31 % to 41 % (target 40 %).",
                       "Gender-sensitive services: 12 of 15 indicators improved.",
                       "Prepared by the Gender Equality Committee, January 2026.")
        return st.add_evidence_file(store, focal, aid,
                                    standard.benchmark("RI-01").evidence[0].id,
                                    "Monitoring report 2025", pdf, "monitoring-2025.pdf")


def _file_id(data, name: str) -> str:
    """The evidence item of the Ministry of Labour's 2025 assessment uploaded as ``name``."""
    import seal_engine.store as st

    with _store(data) as store:
        aid = st.find_assessment(store, st.SYSTEM, ML25).id
        return next(e.id for e in st.get_assessment(store, st.SYSTEM, aid).evidence
                    if e.original_name == name)


def _submit_and_start_review(data) -> None:
    import seal_engine.store as st

    with _store(data) as store:
        focal = st.authenticate(store, "focal@demo.seal", "demo-focal-password")
        assessor = st.authenticate(store, "assessor@demo.seal", "demo-assessor-password")
        aid = st.find_assessment(store, st.SYSTEM, ML25).id
        st.submit_assessment(store, focal, aid, st.find_assessment(store, st.SYSTEM, aid).version)
        st.start_review(store, assessor, aid, st.find_assessment(store, st.SYSTEM, aid).version)


def test_the_review_page_at_laptop_and_wide_screen_sizes(server, browser, shots):  # noqa: F811
    base, data = server
    evidence = _answer_the_request(data)
    # the focal point, before submitting again: the team's request, answered
    f = Journey(browser, base, shots)
    f.page.set_viewport_size({"width": 1366, "height": 800})
    f.sign_in("focal@demo.seal", "demo-focal-password")
    f.go(f"/assessment?a={ML25}&d=_submit")
    assert "Answered: 1 change since it was sent back" in f.text()
    f.page.get_by_text("The assessment team’s requests").first.evaluate(
        "e => e.scrollIntoView({block: 'center'})")
    f.shot("submit-requests-1366x800")
    f.context.close()
    _submit_and_start_review(data)
    j = Journey(browser, base, shots)
    j.page.set_viewport_size({"width": 1366, "height": 800})
    j.sign_in("assessor@demo.seal", "demo-assessor-password")
    j.go(f"/review?a={ML25}&b=RI-01")
    text = j.text()
    assert "1 change since the last submission" not in text  # two: the answer and the PDF
    assert "2 changes since the last submission" in text
    assert "Changed since the last submission" in text and "Show only" in text
    sidebar = j.page.inner_text("[data-testid='stSidebar']")
    assert "Reviewed: 0 of" in sidebar  # the progress, always in view
    j.shot("review-1366x800-top")  # the page as it opens: results side by side, progress
    j.key(f"rview:{evidence}").get_by_text("View here").click()
    j.settle()
    page = j.page.locator("[data-testid='stImage'] img").first
    page.wait_for(state="visible", timeout=30_000)
    assert page.evaluate("img => img.naturalWidth") > 500  # a page drawn on the server
    assert j.page.locator("iframe, embed, object").count() == 0  # never the PDF itself
    j.page.get_by_role("button", name="Previous", exact=True).first.scroll_into_view_if_needed()
    j.shot("review-1366x800")
    heading = j.page.get_by_text("monitoring-2025.pdf", exact=False).last
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    j.page.wait_for_timeout(300)
    j.shot("review-1366x800-pdf")  # the page's text readable across the width
    # the override form opens inside the screen, on a laptop too
    workbook = _file_id(data, "autonomy-indicators-2025.xlsx")
    j.key(f"rview:{workbook}").get_by_text("View here").click()
    j.settle()
    table = j.page.locator("[data-testid='stDataFrame']").last
    table.wait_for(state="visible", timeout=30_000)
    j.page.get_by_text("autonomy-indicators-2025.xlsx").last.evaluate(
        "e => e.scrollIntoView({block: 'start'})")
    j.page.wait_for_timeout(300)
    j.shot("review-1366x800-xlsx")
    j.page.get_by_role("button", name="Override the status").first.click()
    j.page.wait_for_timeout(500)
    form = j.page.locator("[data-testid='stPopoverBody']").first
    form.wait_for(state="visible", timeout=10_000)
    box = form.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    j.shot("review-1366x800-override")
    j.page.keyboard.press("Escape")
    j.page.wait_for_timeout(300)
    j.page.set_viewport_size({"width": 1920, "height": 1080})
    j.page.wait_for_timeout(500)
    j.page.get_by_role("button", name="Previous", exact=True).first.scroll_into_view_if_needed()
    j.shot("review-1920x1080")
    # next benchmark: the address follows, the panel changes
    j.click("Next")
    assert "b=RI-02" in j.page.url or "RI-01" not in j.page.url
    j.shot("review-1920x1080-next")
    j.context.close()
