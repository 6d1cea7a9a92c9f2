"""The acceptance harness, one pytest plugin (`harness.plugin`) with a subpackage per concern:
target, preconditions, staging, run, reporting, guide, a11y; `cli` holds the command-line tools.
It never imports pages or steps (tests/test_import_direction.py): what needs page objects is
handed to it by the root conftest.py."""
