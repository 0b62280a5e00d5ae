from . import pos_cashdro_operation_log
from . import pos_cashdro_level_reading
from . import pos_cashdro_level_line
from . import pos_cashdro_machine_operation
from . import pos_payment_method
from . import pos_payment_method_levels
from . import pos_payment
from . import pos_session
