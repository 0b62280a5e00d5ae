from . import pos_session_guard_override_wizard
