"""gunicorn settings of the Dockerfile and compose: `gunicorn -c python:khuyencong.gunicorn`.

Set here, explicitly, because gunicorn's defaults hurt this portal:
- timeout: the default 30 s turned a slow national export into a 500 with an empty body. Exports
  now stream (CSV) or run in the background (large XLSX, reports, imports), and no page should
  take more than a few seconds; 60 s is a safety net for a stuck request, not a budget.
- workers: sync workers, (2 × cores) + 1 by gunicorn's own advice; a request holds its worker
  while it waits on PostgreSQL, so a few more workers than cores keep the site answering while
  a long request runs. WEB_CONCURRENCY overrides it.
- max_requests: a worker is replaced after 1.000 requests (± jitter), so memory taken by a large
  request is given back instead of growing for weeks.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
