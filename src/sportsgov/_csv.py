"""Former home of the CSV helpers, now :mod:`sportsgov._common.csvfiles` (re-exported)."""

from sportsgov._common.csvfiles import missing_columns, open_text, read_rows

__all__ = ["missing_columns", "open_text", "read_rows"]
