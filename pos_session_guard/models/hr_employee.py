from odoo import models

OVERRIDE_ACTION = "session_close_override"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def _lp_can_approve(self, action, value, session, requested_by=None):
        """Closing overrides follow the config's guard settings, not the generic manager rule."""
        if action != OVERRIDE_ACTION:
            return super()._lp_can_approve(action, value, session, requested_by=requested_by)
        self.ensure_one()
        config = session.config_id.sudo()
        if self.company_id and self.company_id != config.company_id:
            return False
        if self in config.guard_override_employee_ids:
            return True
        return bool(self.user_id and self.user_id.groups_id & config.guard_override_group_ids)
