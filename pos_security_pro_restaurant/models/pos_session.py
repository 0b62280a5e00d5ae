"""Which role is at a restaurant till, for rules that have no order to read the employee from."""

from odoo import models


class PosSession(models.Model):
    _inherit = "pos.session"

    def _lp_till_roles(self):
        """The roles at these sessions' tills: with employee login, the role of the employee whose
        login the server last checked (no checked login: the strictest role); without, the user's."""
        roles = self.env["pos.security.role"].sudo()
        for session in self:
            employee_id = session.lp_login_employee_id.id if session.config_id.module_pos_hr else None
            if session.config_id.module_pos_hr and not employee_id:
                roles |= roles._lp_strictest()
                continue
            roles |= session._lp_session_cashier(employee_id)[1]
        return roles
