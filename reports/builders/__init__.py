"""One module per report: queries → plain dataclasses (rows, subtotals, totals, ratios, chart
series). No formatting here: renderers turn the same data into HTML, PDF and XLSX."""
