"""`python -m harness.cli.traceability`: 追溯表 (logic in harness.reporting.traceability)."""

import sys

from harness.reporting.traceability import main

if __name__ == "__main__":
    sys.exit(main())
