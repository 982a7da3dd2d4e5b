"""Journey Designer: ``python main.py`` opens the designer on the built-in sample;
``python main.py FILE`` opens a file in it; ``python main.py --screenshot OUT.png FILE``
saves a picture of the window; ``python main.py COMMAND ...`` runs the command line
(same as ``journey COMMAND``)."""

from __future__ import annotations

import sys


def _cli_commands() -> set[str]:
    from designer.cli import COMMANDS  # a table of names: no command module is imported

    return set(COMMANDS)


def main(argv: list[str]) -> int:
    # A known command (or the CLI's own --help/--version) goes to the command line;
    # anything else (nothing, a file, --screenshot) opens the designer window.
    if argv[:1] in (["--help"], ["-h"], ["--version"]) or (argv and argv[0] in _cli_commands()):
        from designer.cli import main as cli_main

        return cli_main(argv)
    import gc

    gc.disable()  # start-up makes many objects and no garbage: launch.settle() collects once and re-enables
    from designer.app.launch import main as app_main  # Qt is imported only here

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
