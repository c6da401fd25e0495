"""`python -m careervp_desktop` is the `careervp` command."""

import sys

from careervp_desktop.cli import main

sys.exit(main())
