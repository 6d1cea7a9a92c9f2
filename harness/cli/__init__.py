"""Command-line entry points: `python -m harness.cli.<tool>`, each a thin call of its
subpackage's `main` (the logic lives there)."""
