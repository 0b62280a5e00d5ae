from . import evidence_mixin
from . import approval_token
from . import hr_employee
from . import pos_pin_attempt_log
from . import pos_session
from . import pos_config
from . import res_config_settings
