# The HTTP API (graph-builder serve); see docker-compose.yml.
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_builder ./graph_builder
COPY api ./api
COPY cypher ./cypher
COPY samples ./samples
# Editable install: the Cypher files in /app/cypher are read next to the package.
# EXTRAS=model,dask for the images of a Dask cluster (docker-compose.cluster.yml).
ARG EXTRAS=model
RUN pip install -e ".[${EXTRAS}]" \
    && useradd --create-home --uid 10001 app
USER app
EXPOSE 8000
CMD ["graph-builder", "serve", "--host", "0.0.0.0", "--port", "8000"]
