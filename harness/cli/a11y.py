"""`python -m harness.cli.a11y`: 无障碍检查：更新基线或与基线比较 (logic in harness.a11y.audit)."""

import sys

from harness.a11y.audit import main

if __name__ == "__main__":
    sys.exit(main())
