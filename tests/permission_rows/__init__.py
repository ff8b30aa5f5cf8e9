"""Rows of the permission table contributed per app (see tests/test_permissions.py).

Each module defines ``ROWS`` (key → (method, url name, kwargs, post data, outcomes), in the
format of the table) and ``world_extend(base)`` which creates the app's objects from ``base``
(town_a, town_b, people, edition, coordinator, member) and returns names for them.
"""

from . import competition, documents, ecosystem, history, plans, results, worksheets

MODULES = [ecosystem, worksheets, plans, competition, results, documents, history]
