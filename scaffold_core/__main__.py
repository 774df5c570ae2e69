"""``python -m scaffold_core`` runs the command line."""

import sys

from scaffold_core.cli import main

sys.exit(main())
