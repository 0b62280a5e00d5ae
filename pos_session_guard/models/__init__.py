from . import pos_config
from . import res_config_settings
from . import pos_session_guard_log
from . import hr_employee
from . import pos_session
from . import pos_lp_action
