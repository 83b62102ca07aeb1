# Type stub used only by the mypy run against Home Assistant >= 2026.10.
#
# From 2026.10, Home Assistant validates with probatio, and its package __init__ registers
# probatio's voluptuous shim as the ``voluptuous`` module (probatio.compat.install_as_voluptuous)
# before any integration is imported. So at run time ``import voluptuous`` in our code is probatio,
# and the helpers we pass schemas to are typed for probatio's classes. The shim re-exports
# probatio's voluptuous-compatible surface dynamically, which mypy cannot follow; this stub states
# the same thing statically. On older HA the real voluptuous package is used, stub-free.
from probatio import *  # noqa: F403  # the whole public surface, as the runtime shim re-exports it
from probatio import UNDEFINED as UNDEFINED
