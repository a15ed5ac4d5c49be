"""The few workforce constants and formulas the parity dashboard shares with ``seal metrics``
(the parity band, the least group shown, the numbers needed for parity), from wherever the
workforce code keeps them: one definition of each, never a copy."""

from __future__ import annotations

from ..workforce import DEFAULT_MIN_GROUP, PARITY_BAND, SUPPRESSED, parity_needed_counts
from ..workforce.parity import ParityBand, as_band, parity_figures

__all__ = ["DEFAULT_MIN_GROUP", "PARITY_BAND", "SUPPRESSED", "ParityBand", "as_band",
           "parity_figures", "parity_needed_counts"]
