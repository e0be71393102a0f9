"""Hypothesis strategies for sportsgov's public models.

Registered through the ``hypothesis`` entry point, so ``st.from_type(Money)`` and
friends just work in your own tests once sportsgov is installed. Requires
``hypothesis`` (in the ``test`` extra).
"""

from __future__ import annotations

__all__: list[str] = []

# Each area adds its strategies in its own section below and registers them in
# _hypothesis_setup_hook's matching section.

# --- units ---
# --- end units ---
# --- money ---
# --- end money ---
# --- periods ---
# --- end periods ---
# --- apportion ---
# --- end apportion ---
# --- regions-facilities-indicators ---
# --- end regions-facilities-indicators ---
# --- coverage ---
# --- end coverage ---
# --- talent ---
# --- end talent ---
# --- budget ---
# --- end budget ---
# --- plans-assessment ---
# --- end plans-assessment ---


def _hypothesis_setup_hook() -> None:
    """Register strategies with hypothesis (called through the entry point)."""
    # --- register ---
    # --- end register ---
