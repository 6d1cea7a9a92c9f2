"""`python -m harness.cli.staging_sim`: 在模拟门户上演练预发布环境 (logic in harness.staging.sim)."""

import sys

from harness.staging.sim import main

if __name__ == "__main__":
    sys.exit(main())
