"""Many people registering establishments at the same moment on a file SQLite database.

Run by tests/khuyencong/test_sqlite_concurrency.py in its own process (pytest-django's SQLite
test database lives in memory, where locking never shows):

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/sqlite_concurrency.py 12

Each thread has its own connection and calls the same service the page calls; all start
together. Prints JSON: how many were created and the errors raised.
"""

import json
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")


def main(threads: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from beneficiaries.models import Beneficiary
    from beneficiaries.services import beneficiary_create
    from beneficiaries.taxcode import check_digit
    from khuyencong.models import Membership, Organisation, Province, Role

    call_command("migrate", verbosity=0)
    province = Province.objects.get(era=Province.Era.Y2025, code="92")
    centre = Organisation.objects.create(
        kind=Organisation.Kind.CENTRE, name="Trung tâm Khuyến công", province=province
    )
    user = get_user_model().objects.create(username="center_staff")
    Membership.objects.create(user=user, organisation=centre, role=Role.CENTER_STAFF)
    connection.close()

    # Distinct valid tax codes: the service reads (is the code free?) before it writes, the
    # pattern that makes SQLite's deferred transactions fail instead of waiting.
    prefixes = (f"0100{n:05d}" for n in range(1, 10**5))
    tax_codes = [p + str(check_digit(p)) for p in prefixes if check_digit(p) < 10][:threads]
    start = threading.Barrier(threads)
    errors: list[str] = []

    def register(index: int) -> None:
        try:
            start.wait()
            beneficiary_create(
                user=user,
                data={
                    "name": f"Cơ sở số {index}",
                    "kind": "htx",
                    "province": province,
                    "tax_code": tax_codes[index],
                },
            )
        except Exception as error:  # noqa: BLE001 - every failure is the answer
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    workers = [threading.Thread(target=register, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"created": Beneficiary.objects.count(), "errors": errors}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)))
