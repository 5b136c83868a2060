# The application image: API, web pages and CLI. Meilisearch and PostgreSQL run as their own services
# (see docker-compose.yml). Not built in CI: these machines have no Docker engine.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-nld \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/rulings
COPY pyproject.toml constraints.txt README.md ./
COPY archive archive
COPY ingest ingest
COPY anonymise anonymise
COPY search_index search_index
COPY app app
COPY samples samples
RUN pip install --no-cache-dir -c constraints.txt . \
 && useradd --system --home /srv/rulings rulings \
 && mkdir -p /data && chown rulings /data

USER rulings
ENV RULINGS_DATA_DIR=/data \
    RULINGS_HOST=0.0.0.0 \
    RULINGS_PORT=8000
EXPOSE 8000
# Migrates the schema, syncs the index from the database, then serves.
CMD ["sh", "-c", "rulings migrate && rulings serve"]
