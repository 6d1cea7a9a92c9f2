"""`python -m harness.cli.flaky`: 多轮随机顺序运行，按场景统计失败 (logic in harness.run.flaky)."""

import sys

from harness.run.flaky import main

if __name__ == "__main__":
    sys.exit(main())
