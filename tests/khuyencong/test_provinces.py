import csv
import datetime
from collections import Counter

import pytest

from khuyencong.models import Commune, Province
from tests.factories import current_province, legacy_province

pytestmark = pytest.mark.django_db


def test_it_loads_63_old_and_34_new_units():
    assert Province.objects.filter(era=Province.Era.LEGACY).count() == 63
    assert Province.objects.filter(era=Province.Era.Y2025).count() == 34


@pytest.mark.parametrize(
    ("old_code", "old_name", "new_code", "new_name"),
    [
        ("94", "Sóc Trăng", "92", "Cần Thơ"),
        ("17", "Hoà Bình", "25", "Phú Thọ"),
        ("15", "Yên Bái", "15", "Lào Cai"),
        ("02", "Hà Giang", "08", "Tuyên Quang"),
    ],
)
def test_old_provinces_point_to_their_successor(old_code, old_name, new_code, new_name):
    old = legacy_province(old_code)
    assert old.name == old_name
    assert old.successor == current_province(new_code)
    assert old.successor.name == new_name


def test_every_old_unit_has_a_current_successor_and_no_current_unit_has_one():
    legacy = Province.objects.filter(era=Province.Era.LEGACY).select_related("successor")
    assert all(p.successor and p.successor.era == Province.Era.Y2025 for p in legacy)
    assert not Province.objects.filter(era=Province.Era.Y2025, successor__isnull=False).exists()


def test_codes_are_reused_so_the_key_is_not_the_code():
    old_lao_cai = legacy_province("10")
    new_lao_cai = current_province("15")
    assert old_lao_cai.name == new_lao_cai.name == "Lào Cai"
    assert old_lao_cai.pk != new_lao_cai.pk
    assert old_lao_cai.successor == new_lao_cai
    assert Province.objects.filter(code="15").count() == 2  # Yên Bái (old) and Lào Cai (new)


def test_units_valid_on_a_date_follow_the_merger():
    assert Province.objects.valid_on(datetime.date(2025, 6, 30)).count() == 63
    assert Province.objects.valid_on(datetime.date(2025, 7, 1)).count() == 34


def test_kind_changes_when_a_province_becomes_a_city():
    dong_nai = current_province("75")
    assert dong_nai.kind_on(datetime.date(2026, 4, 29)) == Province.Kind.PROVINCE
    assert dong_nai.is_city_on(datetime.date(2026, 4, 30))
    hue = legacy_province("46")
    assert hue.is_city_on(datetime.date(2025, 1, 1))
    assert not hue.is_city_on(datetime.date(2024, 12, 31))


def test_cities_in_2026_are_nine_of_the_34():
    day = datetime.date(2026, 11, 1)
    current = Province.objects.valid_on(day)
    assert sum(p.is_city_on(day) for p in current) == 9


def test_unit_on_follows_the_successor_after_the_merger():
    soc_trang = legacy_province("94")
    assert soc_trang.unit_on(datetime.date(2023, 1, 1)) == soc_trang
    assert soc_trang.unit_on(datetime.date(2026, 1, 1)) == current_province("92")


def test_it_loads_3321_communes_matching_the_counts_per_province():
    assert Commune.objects.count() == 3321
    counts = Counter(Commune.objects.values_list("province__code", flat=True))
    with open("khuyencong/data/provinces.csv", encoding="utf-8") as handle:
        expected = {r["code"]: int(r["communes"]) for r in csv.DictReader(handle) if r["communes"]}
    assert dict(counts) == expected
    kinds = Counter(Commune.objects.values_list("kind", flat=True))
    assert kinds == {"xa": 2621, "phuong": 687, "dac_khu": 13}


def test_names_are_searchable_without_diacritics():
    assert Province.objects.get(era=Province.Era.LEGACY, search_name="hoa binh").code == "17"
    assert Province.objects.get(era=Province.Era.Y2025, search_name="dak lak").code == "66"
