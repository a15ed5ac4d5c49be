"""The form import in a browser (headless Chromium, 1366 x 768): the focal point opens "Import
answers from a form export", downloads the questionnaire workbook, types an answer into it,
uploads it, sees the change listed and imports it.  Screenshots in the test's folder (and in
``$SEAL_E2E_ARTIFACTS`` when set)."""

from __future__ import annotations

import io

import openpyxl

from . import e2e_kit as kit
from .e2e_kit import E2E, ML25, Journey, open_store

server, browser, shots = kit.server, kit.browser, kit.shots
pytestmark = E2E


def _reviews(data) -> tuple:
    import seal_engine.store as st

    with open_store(data) as store:
        a = st.find_assessment(store, st.SYSTEM, ML25)
        answer = st.get_assessment(store, st.SYSTEM, a.id).answers["LC-04.reviews"]
        return answer.value, answer.version


def test_a_filled_in_workbook_is_previewed_then_imported(server, browser, shots, tmp_path):
    base, data = server
    j = Journey(browser, base, shots)
    j.sign_in("focal@demo.seal", "demo-focal-password")
    j.go(f"/assessment?a={ML25}&d=LC")
    section = j.page.locator("[data-testid='stExpander'] details",
                             has_text="Import answers from a form export").first
    section.locator("summary").first.click()
    j.settle()
    j.shot("forms-import-section")
    with j.page.expect_download() as download:
        j.page.get_by_role("button", name="Questionnaire workbook (XLSX)").click()
    workbook = download.value.path().read_bytes()
    # both files are made when their button is pressed, not on every run of the page
    with j.page.expect_download() as download:
        j.page.get_by_role("button", name="Field form for KoboToolbox or ODK (XLSForm)").click()
    assert download.value.suggested_filename.endswith("-form.xlsx")
    form = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert {"survey", "choices", "settings"} <= set(form.sheetnames)
    before, version = _reviews(data)
    wb = openpyxl.load_workbook(io.BytesIO(workbook))
    for ws in wb.worksheets:
        for r in range(1, ws.max_row + 1):
            if ws.cell(r, 2).value == "LC-04.reviews":
                assert ws.cell(r, 4).value == before  # downloaded with the saved answers
                ws.cell(r, 4).value = before + 3
    path = tmp_path / "offline.xlsx"
    wb.save(path)
    section.locator("input[type=file]").set_input_files(str(path))
    j.settle()
    text = j.text()
    assert "1 answer changes when you import the file:" in text
    j.page.get_by_role("button", name="Import these answers").scroll_into_view_if_needed()
    j.page.wait_for_timeout(300)
    j.shot("forms-import-preview")
    assert _reviews(data) == (before, version)  # nothing written before confirming
    j.click("Import these answers")
    assert _reviews(data) == (before + 3, version + 1)
    j.shot("forms-import-done")
