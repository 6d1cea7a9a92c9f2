"""`python -m harness.cli.guide`: 操作指引截图：索引、比较、批准 (logic in harness.guide.build)."""

import sys

from harness.guide.build import main

if __name__ == "__main__":
    sys.exit(main())
