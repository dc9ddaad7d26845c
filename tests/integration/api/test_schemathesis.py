"""The OpenAPI schema matches what the API sends: schemathesis, every check, against
the API served by uvicorn over the seeded test database."""

from __future__ import annotations

import subprocess
import sys

import httpx
import neo4j
import pytest

from graph_builder.loader import delete_document
from graph_builder.models import Extraction
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration
API_KEY = "test-api-key-surfaces"  # as in conftest.py


def test_schemathesis_all_checks_pass(
    seeded: neo4j.Driver,
    live_url: str,
    api_settings: Settings,
    seed_extractions: list[Extraction],
    tmp_path,
) -> None:
    # The first write loads spaCy (seconds): done before the run, whose response-time
    # check then measures the API, with room for a loaded test machine.
    warm = httpx.post(
        f"{live_url}/documents",
        json={"text": "Iran backs Hezbollah.", "id": "schemathesis-warm-up"},
        headers={"X-API-Key": API_KEY},
        timeout=300,
    )
    assert warm.status_code == 201, warm.text
    cmd = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{live_url}/openapi.json",
        "--checks", "all",
        "--header", f"X-API-Key: {API_KEY}",
        "--max-examples", "30",
        "--seed", "20241201",
        "--workers", "2",
        "--request-timeout", "120",
        "--max-response-time", "60",
        "--no-color",
        "--report-dir", str(tmp_path),
    ]  # fmt: skip
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    finally:  # leave only the seeds, whatever the run posted
        _keep_only(seeded, api_settings.neo4j_database, {e.document.id for e in seed_extractions})
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-8000:]
    assert "No issues found" in out or " passed" in out, out[-3000:]


def _keep_only(driver: neo4j.Driver, database: str, keep: set[str]) -> None:
    records, _, _ = driver.execute_query("MATCH (d:Document) RETURN d.id AS id", database_=database)
    for record in records:
        if record["id"] not in keep:
            delete_document(driver, record["id"], database)
