"""The import bench keeps working (it is run by `make bench` at 10.000 rows)."""

from beneficiaries.models import Beneficiary
from tests.bench.import_bench import import_ratio


def test_import_ratio_measures_both_paths_and_leaves_nothing(world):
    measured = import_ratio(rows=50)
    assert measured.rows == 50
    assert measured.import_seconds > 0 and measured.bulk_seconds > 0
    assert measured.as_dict()["ratio"] > 0
    assert Beneficiary.objects.count() == 0
