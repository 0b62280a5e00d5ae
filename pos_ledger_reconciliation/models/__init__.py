from . import pos_reconciliation_exception
from . import pos_reconciliation_exception_history
from . import pos_reconciliation_run
from . import pos_reconciliation_check_sales
from . import pos_session
from . import res_company
from . import res_config_settings
