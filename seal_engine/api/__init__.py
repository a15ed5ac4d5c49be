"""The JSON API (``/api/v1/...``), served by the app's server beside the pages (see
``docs/api.md``): routes made from one table (:mod:`.routes`), answers shaped by pydantic
models (:mod:`.models`), errors as RFC 9457 problem details (:mod:`.problems`), and the OpenAPI
3.1 document made from both (:mod:`.openapi`).  Imports no Streamlit: give :func:`api_routes`
the function that opens the store."""

from __future__ import annotations

from .routes import BASE, ENDPOINTS, api_routes, openapi_document

__all__ = ["BASE", "ENDPOINTS", "api_routes", "openapi_document"]
