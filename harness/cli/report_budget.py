"""`python -m harness.cli.report_budget`: 报告体积：单文件或多文件 (logic in harness.reporting.budget)."""

import sys

from harness.reporting.budget import main

if __name__ == "__main__":
    sys.exit(main())
