"""Journey Designer: ``python main.py`` opens the designer on the built-in sample;
``python main.py COMMAND ...`` runs the command line (same as ``journey COMMAND``)."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if argv and not argv[0].startswith("--") or argv[:1] in (["--help"], ["-h"], ["--version"]):
        from designer.cli import main as cli_main

        return cli_main(argv)
    from designer.app.launch import main as app_main  # Qt is imported only here

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
