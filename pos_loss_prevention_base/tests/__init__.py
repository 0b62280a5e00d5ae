from . import test_evidence_chain
from . import test_approval_pin
from . import test_approval_token
from . import test_evidence_button
from . import test_till_actor
from . import test_enforcement
from . import test_module_exclusions
from . import test_pos_user_check
