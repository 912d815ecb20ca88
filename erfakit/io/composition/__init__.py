"""The composition import: the analyst's residents' and board files into a `Composition`.

Detect the shape → read → validate → assemble, one module each:

* `detect` — which shape a table has (the kit's template, one row per board member, or a published
  table), from its headers;
* `read_template`, `read_published`, `read_members` — one reader per shape; `dst_codes` translates
  StatBank's code form for `read_published`, and `crosstab` sums its records per dimension (adults
  only where the table has an age column);
* `parsed` — the dataclasses the readers fill (`ParsedFile`, `Entry`, `Member`);
* `validate` — every number cell, a file's dimensions, a board file's privacy;
* `assemble` — residents + board → `Composition` (`read_composition` is the whole import);
* `check` — `erfakit check`'s `check_files` / `CheckResult`;
* `portfolio` — `read_portfolio`, many afdelinger for the portfolio view.

Raw rows come from `erfakit.io.spreadsheets`. Nothing here imports from `erfakit.ui` or `erfakit.report`.
"""
