"""`python -m harness.cli.signoff`: 验收报告（业务签字用） (logic in harness.reporting.signoff)."""

import sys

from harness.reporting.signoff import main

if __name__ == "__main__":
    sys.exit(main())
