"""Step definitions, one module per portal plus `common`. Loaded from conftest.py as plugins;
none of them binds scenarios."""
