from . import test_simulator
from . import test_payment_method
from . import test_audit
from . import test_js_client
from . import test_frontend
from . import test_verify_button
from . import test_operation_binding
from . import test_reconciliation_findings
