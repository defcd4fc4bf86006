"""The SVG charts: escaped labels, no script, an honest message when there is nothing to draw."""

from decimal import Decimal

from reports import charts


def test_bar_labels_are_escaped_and_vietnamese_is_kept():
    svg = charts.horizontal_bars(
        title="Hệ số <thu hút>",
        labels=["Cần Thơ", "<script>alert(1)</script>"],
        values=[Decimal("1.11"), Decimal("0.5")],
        formatter=lambda v: f"{v}".replace(".", ","),
        empty_message="—",
    )
    assert svg.startswith("<svg") and "<script>" not in svg
    assert "&lt;script&gt;" in svg and "Cần Thơ" in svg and "1,11" in svg
    assert "style=" not in svg


def test_missing_values_show_a_dash_and_no_values_show_the_message():
    partial = charts.horizontal_bars(
        title="T", labels=["A", "B"], values=[None, 3], formatter=str, empty_message="x"
    )
    assert "—" in partial
    empty = charts.horizontal_bars(
        title="T",
        labels=["A"],
        values=[None],
        formatter=str,
        empty_message="Chưa có số liệu giải ngân",
    )
    assert "Chưa có số liệu giải ngân" in empty and "<rect" in empty


def test_grouped_bars_draw_one_bar_per_series_and_category():
    svg = charts.grouped_bars(
        title="Kinh phí",
        categories=["2022", "2023"],
        series=[("KCQG", [1, 2]), ("KCĐP", [3, 4])],
        formatter=str,
        empty_message="x",
    )
    assert svg.count("<rect") == 2 + 4  # two legend keys, four bars
    assert "KCĐP" in svg and "2023" in svg
