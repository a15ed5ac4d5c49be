"""The app as ``streamlit run`` serves it (``seal app`` runs this file): Streamlit's server with
the sign-in routes of :mod:`seal_engine.app.server`, running ``main.py`` for every page."""

import streamlit as st

from seal_engine.app.server import app_options

app = st.App("main.py", **app_options())
