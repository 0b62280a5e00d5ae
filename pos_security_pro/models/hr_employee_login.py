"""pos_hr login PINs checked by the server instead of the browser.

pos_hr ships each employee's login PIN to every till as an unsalted SHA-1 hash and compares it in
JavaScript (a 4-digit PIN falls to 10,000 guesses offline). Here no PIN hash is shipped at all:
`_pin` is always False and the till asks the server (pos.session.lp_employee_login), which
compares the PIN in constant time and throttles failures per session.
"""

from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def get_barcodes_and_pin_hashed(self):
        """Keep the badge hashes pos_hr needs for badge login; never hand out PIN hashes."""
        rows = super().get_barcodes_and_pin_hashed()
        for row in rows:
            row["pin"] = False
        return rows

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        with_pin = set(self.sudo().browse([row["id"] for row in result["data"]]).filtered("pin").ids)
        for row in result["data"]:
            row["_pin"] = False
            row["_lp_has_pin"] = row["id"] in with_pin
        return result

    @api.model
    def _lp_login_candidates(self, config):
        user = config.current_user_id or self.env.user
        return self.sudo().search(config._employee_domain(user.id))
