"""Spreadsheet import: the generic engine (reading, headers, values, workbooks, batches). Domain
apps declare what they import in their own `imports.py` (see engine.register_kind)."""
