"""The address of a page that is not part of the user's role: said so, with the way home.
The page itself is not in the user's navigation, so nothing of it runs."""

from __future__ import annotations

import streamlit as st

from seal_engine.app.i18n import _
from seal_engine.app.ui import empty, link


def render() -> None:
    st.title(_("Not part of your role"))
    empty(_("The page at this address is not part of your role. Choose a page in the menu on "
            "the left, or go to your home page."))
    link("home", _("Home"), ":material/home:")


if __name__ == "__main__":
    render()
