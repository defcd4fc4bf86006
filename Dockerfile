# Production image: gunicorn behind the platform's TLS proxy; static files served by whitenoise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango/HarfBuzz; gettext compiles the catalogue; fonts for PDFs ship in static/.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
       libfontconfig1 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml requirements.lock ./
COPY khuyencong/__init__.py khuyencong/__init__.py
RUN pip install -c requirements.lock "."
COPY . .
RUN pip install --no-deps -c requirements.lock "." \
    && DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

RUN useradd --system --home /app kc && mkdir -p /data/media && chown -R kc /data
USER kc
ENV DEBUG=0 MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "khuyencong.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
