# Production image: gunicorn behind the platform's TLS proxy; static files served by whitenoise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango/HarfBuzz/fontconfig; the fonts for PDFs ship in static/fonts.
# `manage.py backup` / `restore` run pg_dump / pg_restore (bookworm's 15, the db service's major).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
       libfontconfig1 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first (cached while only the code changes), at the versions of requirements.lock.
# The project itself runs from /app, never from site-packages, so it is uninstalled again.
COPY pyproject.toml requirements.lock ./
RUN mkdir khuyencong && touch khuyencong/__init__.py \
    && pip install -c requirements.lock . \
    && pip uninstall -y khuyencong \
    && rm -rf khuyencong build ./*.egg-info
COPY . .
RUN DEBUG=0 SECRET_KEY=build-only-key-never-used-at-runtime-0123456789 ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

RUN useradd --system --home /app kc && mkdir -p /data/media /data/backups && chown -R kc /data
USER kc
ENV DEBUG=0 MEDIA_ROOT=/data/media
EXPOSE 8000
# Workers, timeout and recycling are set (and explained) in khuyencong/gunicorn.py.
CMD ["gunicorn", "khuyencong.wsgi:application", "-c", "python:khuyencong.gunicorn"]
