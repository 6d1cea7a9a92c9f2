"""`python -m harness.cli.guide_doc`: 操作指引文档（DOCX、PDF） (logic in harness.guide.document)."""

import sys

from harness.guide.document import main

if __name__ == "__main__":
    sys.exit(main())
