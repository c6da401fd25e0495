"""`python -m careervp_desktop` is the `careervp` command."""

import sys

from careervp_desktop.launch import main

sys.exit(main())
