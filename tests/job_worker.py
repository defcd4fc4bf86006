"""A worker process that runs one job of the runner and stops half-way, to be killed.

Run by tests/khuyencong/test_job_kill.py, which SIGKILLs it once it prints MIDWAY:

    DATABASE_URL=... python tests/job_worker.py KIND PK ATTEMPT

It runs the job exactly as `db_worker` would (khuyencong.jobs.job_execute), with one pause:
- an import's write pauses after every row is written, before the transaction commits;
- a job that writes a file pauses after writing the first bytes of it.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")

PAUSE_SECONDS = 300


def pause() -> None:
    print("MIDWAY", flush=True)
    time.sleep(PAUSE_SECONDS)
    raise SystemExit("not killed")


def main(kind: str, pk: str, attempt: int) -> None:
    import django

    django.setup()
    from khuyencong import jobs
    from khuyencong.importing import engine

    for name in engine.kind_names():
        import_kind = engine.get_kind(name)
        write = import_kind.write

        def write_then_pause(rows, context, write=write):
            write(rows, context)
            pause()

        import_kind.write = write_then_pause

    new_file = jobs.JobRun.file

    def file_then_pause(self, suffix):
        target = new_file(self, suffix)
        target.write_bytes(b"PK\x03\x04 half a file")
        pause()

    jobs.JobRun.file = file_then_pause
    jobs.job_execute(kind, pk, attempt)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
