"""Permission rows of the competition's documents pages (see tests/permission_rows/__init__.py)."""

ROWS = {}


def world_extend(base):
    return {}
