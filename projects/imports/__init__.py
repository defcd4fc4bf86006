"""Import of đề án from a spreadsheet, through khuyencong.importing.

Rules:
- Only centre staff import, into the provinces they see; a row of another province is an error.
- A row goes into the plan of its province and year; the province (a code or a name) is the unit
  valid on 1 January of that year (2024 "Hòa Bình" is the old unit, 2026 "Phú Thọ" the new one).
- A year before the current one is history: the row goes into that year's plan as an approved
  record, the plan created as needed and marked `imported`, the amounts taken as approved
  (BudgetLine.approved = proposed); `Trạng thái` empty means approved, or says accepted, settled,
  stopped. A past plan approved in the portal is not changed by an import (an adjustment is).
- The current and next year go into the draft plan (opened as needed) under the usual edit rules:
  a plan that is no longer draft or returned refuses a row that would change it, with the reason.
- `Mã đề án` is the centre's own code, kept as Project.external_code and recognising the đề án
  on re-import (the portal's own code is recognised too, so an exported list imports back); a
  row without it is the đề án of the same title and programme in the plan, if any.
- The money rules (projects.state.problems, the support caps in force included) apply to
  every row; establishments are named by tax code (several separated by ";") and must exist.
- A blank cell leaves the stored value; a blank amount in an amount column present in the file
  means no money from that source. Unchanged rows are "unchanged", even in a locked plan.
- Lookups by set, writes in bulk with history ("import: <file name>"), one transaction.

By part: the columns (columns), the checks of each row (checking), the bulk write (writing),
the import kind registered with the engine (kind).
"""

from projects.imports.kind import PROJECTS, ProjectImport

__all__ = ["PROJECTS", "ProjectImport"]
