"""The ``pearls`` console command: any management command with the project's settings."""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pearls.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pearls", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
