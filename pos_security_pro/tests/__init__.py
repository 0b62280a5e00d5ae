from . import test_roles
from . import test_approval_log
from . import test_order_backstop
from . import test_cash_and_config
from . import test_frontend
from . import test_login_pin
from . import test_company_and_digest
from . import test_order_resync
