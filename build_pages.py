#!/usr/bin/env python3
"""Validate the dossier's data and generate its Markdown pages into docs/.

    python build_pages.py            generate (writes only files whose bytes changed)
    python build_pages.py --check    validate; fail if the generated pages are stale
    python build_pages.py --schema schema
                                     export the JSON Schema of each data folder
"""

import sys

from aes_dossier.cli import main

if __name__ == "__main__":
    sys.exit(main())
