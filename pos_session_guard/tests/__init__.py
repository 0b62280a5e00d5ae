from . import test_guard_rule
from . import test_closing_paths
from . import test_override
from . import test_guard_leaks
from . import test_guard_tour
from . import test_server_holes
from . import test_cash_methods
