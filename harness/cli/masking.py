"""`python -m harness.cli.masking`: 报告目录的脱敏检查与补做 (logic in harness.staging.masking)."""

import sys

from harness.staging.masking import main

if __name__ == "__main__":
    sys.exit(main())
