"""`python -m harness.cli.probe`: 页面探测（只读） (logic in harness.run.probe)."""

import sys

from harness.run.probe import main

if __name__ == "__main__":
    sys.exit(main())
