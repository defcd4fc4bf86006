"""Search columns are served by trigram indexes on PostgreSQL (LIKE '%word%' never uses a btree)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm exists only on PostgreSQL")
@pytest.mark.parametrize(
    ("table", "index"),
    [
        ("projects_project", "project_search_trgm"),
        ("beneficiaries_beneficiary", "beneficiary_search_trgm"),
    ],
)
def test_search_text_has_a_trigram_index(table, index):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions = [row[0] for row in cursor.fetchall()]
    (trigram,) = [d for d in definitions if index in d]
    assert "gin_trgm_ops" in trigram
    # The btree index on the same column is gone: it served no query.
    assert not [d for d in definitions if "search_text" in d and "btree" in d]
