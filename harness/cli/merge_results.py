"""`python -m harness.cli.merge_results`: 合并多个分片的 Allure 原始结果 (logic in harness.reporting.merge)."""

import sys

from harness.reporting.merge import main

if __name__ == "__main__":
    sys.exit(main())
