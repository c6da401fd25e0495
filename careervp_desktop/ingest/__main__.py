"""`python -m careervp_desktop.ingest FILE [--password PW] [--timeout S]`: print the parsed CV as JSON.
A bad file prints one line on stderr and exits 2."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from careervp_desktop.domain.errors import UserFacingError
from careervp_desktop.ingest.cv_import import import_cv_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m careervp_desktop.ingest", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--password", default=None)
    parser.add_argument("--timeout", type=float, default=None)
    args = parser.parse_args(argv)
    try:
        cv = import_cv_file(args.file, password=args.password, timeout=args.timeout)
    except UserFacingError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    json.dump(cv.to_parse_json(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
