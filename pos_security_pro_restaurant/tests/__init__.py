from . import test_table_gates
from . import test_frontend
