"""notebooks/explore.ipynb runs top to bottom against the seed graph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    plots = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(plots) >= 2  # the most central actors, the edges over time per relation
    assert "dated edges; plotted from" in text


def test_readme_nbconvert_command_renders_the_plots(seeded, tmp_path: Path) -> None:
    """`jupyter nbconvert --to html --execute notebooks/explore.ipynb`, as the README says."""
    jupyter = Path(sys.executable).with_name("jupyter")
    run = subprocess.run(
        [str(jupyter), "nbconvert", "--to", "html", "--execute", str(NOTEBOOK),
         "--output-dir", str(tmp_path)],
        cwd=NOTEBOOK.parent.parent, capture_output=True, text=True, timeout=600, check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    page = (tmp_path / "explore.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 2
    assert "Most central actors" in page or "betweenness" in page
