"""Journey Designer: design, validate, dry-run and run customer-journey automations.

The core (everything here except ``designer.canvas`` and ``designer.app``) never
imports Qt, so the command line, the runtime and the tests run headless.
"""

__version__ = "0.1.0"
