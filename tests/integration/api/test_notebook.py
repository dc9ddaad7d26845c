"""notebooks/explore.ipynb runs top to bottom against the seed graph."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from graph_builder.cypher import CYPHER_DIR

pytestmark = pytest.mark.integration
NOTEBOOK = CYPHER_DIR.parent / "notebooks" / "explore.ipynb"


def test_notebook_executes(seeded) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs
    )
    assert "Russia" in text  # who supports Assad
    assert "actors," in text and "edges" in text
    assert any(
        "text/html" in o.get("data", {}) and "iframe" in o["data"]["text/html"] for o in outputs
    )
