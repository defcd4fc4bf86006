"""Reports: builders (queries → plain dataclasses), renderers (HTML, PDF, XLSX) and charts.

A builder has no formatting; a renderer has no queries. `registry` names the reports; `views`
and the `render_report` command both go through it, so a URL and the command give the same file.
"""
