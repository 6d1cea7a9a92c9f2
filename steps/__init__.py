"""Step definitions, one module per section of the guide (`a1_login`, `b1_authcode`, …), with the
steps and page fixtures several sections share in `gdzwfw`, `hrss_common` and `common`. Loaded as
plugins by features/conftest.py; none of them binds scenarios (features/test_guide.py does)."""
