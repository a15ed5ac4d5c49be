"""The app in a browser in the programme's languages: a Spanish browser gets the sign-in page in
Spanish (its Accept-Language); French picked there is the signed-in session's and the user's;
the questionnaire, the results and the standards browser read in French, the standard's texts
included; every page screenshotted (``SEAL_E2E_ARTIFACTS`` keeps them)."""

from __future__ import annotations

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


class _InLanguage(Journey):
    """A tab of a browser set to ``locale`` (its Accept-Language and navigator.language)."""

    def __init__(self, chromium, base, folders, locale: str):
        self.context = chromium.new_context(viewport={"width": 1366, "height": 800},
                                           locale=locale, accept_downloads=True)
        self.page = self.context.new_page()
        self.base, self.shots, self.n = base, folders, 0


def test_the_app_in_spanish_and_french(server, browser, shots):  # noqa: F811
    import seal_engine.store as st
    from seal_engine.loader import translated_standard

    base, data = server
    j = _InLanguage(browser, base, shots, "es-CO")
    j.go("/")
    text = j.text()
    assert "Iniciar sesión" in text or "Inicie sesión" in text, text[:400]
    assert "Sign in" not in text
    j.shot("i18n-01-sign-in-es")
    # French picked before signing in
    j.page.get_by_role("combobox").first.click()
    j.page.get_by_role("option", name="Français").click()
    j.settle()
    assert "Mot de passe" in j.text() or "mot de passe" in j.text()
    j.shot("i18n-02-sign-in-fr")
    j.page.fill("#seal-email", "focal@demo.seal")
    j.page.fill("#seal-password", "demo-focal-password")
    j.page.click("button[type=submit]")
    j.settle(120)
    assert "Bienvenue" in j.text() or "Bonjour" in j.text(), j.text()[:400]
    j.shot("i18n-03-home-fr")
    with open_store(data) as store:
        focal = st.find_user(store, st.SYSTEM, "focal@demo.seal")
        assert st.get_preferences(store, st.SYSTEM, focal.id).language == "fr"
        a = st.find_assessment(store, st.SYSTEM, ML25)
        fr = translated_standard(st.get_standard(store, a.standard_id, a.standard_version), "fr")
    j.go(f"/assessment?a={ML25}&d=WE")
    body = j.text()
    assert fr.benchmark("WE-05").title in body
    j.shot("i18n-04-questionnaire-fr")
    j.go(f"/results?a={ML25}")
    j.shot("i18n-05-results-fr")
    j.go("/standards")
    assert fr.title in j.text()
    j.shot("i18n-06-standards-fr")
    wide = j.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1]
