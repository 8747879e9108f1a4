"""The one command-line entry point, ``mandate``.

``mandate extract`` is pure Python and never loads Django, so it works as a library
tool anywhere. Every other sub-command is a Django management command
(``mandate migrate``, ``mandate load_demo``, ``mandate remind``, ``mandate runserver``...).
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "extract":
        from mandate.extraction.cli import main as extract_main

        return extract_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mandate", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
