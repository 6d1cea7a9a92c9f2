"""`python -m harness.cli.mutants`: 规则变异体 (logic in harness.run.mutants)."""

import sys

from harness.run.mutants import main

if __name__ == "__main__":
    sys.exit(main())
