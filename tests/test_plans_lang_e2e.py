"""The Plan page's downloads in the page's language, in a browser: a focal point whose browser
is in Spanish drafts the plan and downloads the workbook, the CSV and the Markdown, and gets
them in Spanish; the workbook reads back to the plan the page saved (``SEAL_E2E_ARTIFACTS``
keeps the screenshot and the files)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from .e2e_kit import (  # noqa: F401 - browser, server and shots are this module's fixtures
    E2E,
    ML25,
    Journey,
    browser,
    open_store,
    server,
    shots,
)

pytestmark = E2E


class _Spanish(Journey):
    def __init__(self, chromium, base, folders):
        self.context = chromium.new_context(viewport={"width": 1366, "height": 800},
                                           locale="es-CO", accept_downloads=True)
        self.page = self.context.new_page()
        self.base, self.shots, self.n = base, folders, 0


def _download(j: Journey, label: str, folder: Path, name: str) -> Path:
    with j.page.expect_download() as download:
        j.page.get_by_role("button", name=label).click()
    path = folder / name
    download.value.save_as(str(path))
    return path


def test_the_plan_downloads_in_the_page_language(server, browser, shots):  # noqa: F811
    import openpyxl

    import seal_engine.store as st
    from seal_engine.plans import read_plan
    from seal_engine.plans.words import words

    base, data = server
    es = words("es")
    j = _Spanish(browser, base, shots)
    j.sign_in("focal@demo.seal", "demo-focal-password")
    j.go(f"/plan?a={ML25}")
    j.click("Elaborar el plan de acción")
    j.shot("plan-lang-01-plan-es")
    folder = Path(shots[0])
    xlsx = _download(j, "Descargar XLSX", folder, "plan-es.xlsx")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == list(es.sheets)
    assert book[es.summary]["A1"].value.startswith("Plan de acción para la igualdad de género: ")
    first = book[es.areas[next(iter(es.areas))]]
    assert [c.value for c in first[1]][:3] == ["N.º", "Id de la acción", "Actividad"]
    text = _download(j, "Descargar CSV", folder, "plan-es.csv").read_text(encoding="utf-8-sig")
    assert next(csv.reader(io.StringIO(text)))[:3] == ["N.º", "Id de la acción", "Actividad"]
    md = _download(j, "Descargar Markdown", folder, "plan-es.md").read_text(encoding="utf-8")
    assert md.startswith("# Plan de acción para la igualdad de género: ")
    with open_store(data) as store:
        a = st.find_assessment(store, st.SYSTEM, ML25)
        plan, _version = st.get_action_plan(store, st.SYSTEM, a.id)
        standard = st.get_standard(store, a.standard_id, a.standard_version)
    # the Spanish workbook reads back to the plan the page saved, and so do the others
    for path in (xlsx, folder / "plan-es.csv", folder / "plan-es.md"):
        assert read_plan(path, standard, plan).rows == plan.rows, path.name
    for extra in shots[1:]:
        for path in (xlsx, folder / "plan-es.csv", folder / "plan-es.md"):
            shutil.copyfile(path, extra / path.name)
