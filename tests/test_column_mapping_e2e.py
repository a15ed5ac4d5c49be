"""The staff data mapping step in a browser (``streamlit run app.py`` on the demo, headless
Chromium): an HR export uploaded, its columns matched with a preview, the mapping saved and the
file stored; the line the assessor reads; the Account page's notice switch.  Screenshots in the
test's folder (and ``$SEAL_E2E_ARTIFACTS``)."""

from __future__ import annotations

from . import e2e_kit as kit
from .e2e_kit import E2E, ML25, Journey, open_store

server, browser, shots = kit.server, kit.browser, kit.shots
pytestmark = E2E

EXPORT = ("emp_no,full_name,gender,grade,weekly_hours,base_salary,bonus_paid\n"
          "1,Ana,female,senior,40,5000,100\n2,Ben,male,senior,40,5200,0\n"
          "3,Cid,female,manager,20,2000,50\n4,Dee,male,manager,40,4100,0\n"
          "5,Eve,female,support,38,2500,0\n6,Fay,male,support,40,2600,0\n")


def test_the_mapping_step_in_a_browser(server, browser, shots, tmp_path):
    import seal_engine.store as st

    base, data = server
    j = Journey(browser, base, shots)
    j.sign_in("focal@demo.seal", "demo-focal-password")
    j.go(f"/assessment?a={ML25}&d=_staff")
    export = tmp_path / "hr-export-2025.csv"
    export.write_text(EXPORT, encoding="utf-8")
    j.page.locator("[data-testid='stForm'] [data-testid='stFileUploader'] "
                   "input[type=file]").set_input_files(str(export))
    j.page.wait_for_timeout(500)
    j.click("Check and upload")
    assert "are not those of the staff data file" in j.text()
    assert "Preview: the first rows as they will be read" in j.text()
    j.shot("mapping-01-step")
    j.page.get_by_text("Monthly pay", exact=True).click()
    j.settle()
    j.shot("mapping-02-monthly-pay")
    j.click("Save the mapping and upload")
    assert "The file is checked and stored" in j.text()
    assert "mapped from the HR system's export" in j.text()
    j.shot("mapping-03-stored")
    with open_store(data) as store:
        saved = st.get_column_mapping(store, st.SYSTEM, "VAL-MLSP")
        assert saved.version == 1 and saved.mapping.pay == "monthly"
        assert saved.mapping.hours == "per_week"
    j.go("/account")
    assert "E-mail notices" in j.text() and "Send me e-mail notices" in j.text()
    j.shot("mapping-04-account-notices")


def test_the_assessor_sees_the_mapping_applied(server, browser, shots, tmp_path):
    """The line on the Review page: which mapping made the stored staff file, which column is
    which and the units, as the assessor reads it."""
    import seal_engine.store as st
    from seal_engine.workforce.mapping import ColumnMapping

    base, data = server
    with open_store(data) as store:
        aid = st.find_assessment(store, st.SYSTEM, ML25).id
        focal = st.authenticate(store, "focal@demo.seal", "demo-focal-password")
        current = st.get_column_mapping(store, st.SYSTEM, "VAL-MLSP")
        mapping = ColumnMapping(
            columns={"emp_no": "person_id", "full_name": None, "gender": "sex",
                     "weekly_hours": "hours", "base_salary": "basic_pay",
                     "bonus_paid": "complementary_pay"}, hours="per_week", pay="monthly")
        version = st.save_column_mapping(store, st.SYSTEM, "VAL-MLSP", mapping,
                                         current.version if current else 0)
        st.upload_staff_data(store, focal, aid, EXPORT.encode(), "hr-export-2025.csv",
                             mapping="saved")
        info = st.find_assessment(store, st.SYSTEM, aid)
        if info.state in ("draft", "changes_requested"):
            st.submit_assessment(store, focal, aid, info.version)
            assessor = st.authenticate(store, "assessor@demo.seal", "demo-assessor-password")
            st.start_review(store, assessor, aid, st.find_assessment(store, st.SYSTEM,
                                                                     aid).version)
    j = Journey(browser, base, shots)
    j.sign_in("assessor@demo.seal", "demo-assessor-password")
    j.go(f"/review?a={ML25}")
    text = j.text()
    assert "mapped from the HR system's export" in text, text[:2000]
    assert f"(version {version})" in text
    assert "weekly_hours → hours (hours a week)" in text
    assert "base_salary → basic_pay (monthly pay)" in text and "left out: full_name" in text
    j.page.get_by_text("mapped from the HR system's export").first.scroll_into_view_if_needed()
    j.shot("mapping-05-assessor-review")
