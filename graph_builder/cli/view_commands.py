"""CLI commands (placeholder module, filled in by its owner)."""

import click

COMMANDS: list[click.Command] = []
