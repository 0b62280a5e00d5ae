from . import test_kit_badge
from . import test_kit_gate
from . import test_frontend
