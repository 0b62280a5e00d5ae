from odoo import models


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    def _lp_closing_count(self, session):
        """Extension point: the cash this method counts itself at closing, instead of the cashier.

        Return ``None`` (the register's count is used) or ``{"counted": amount, "evidence": text}``:
        the guard then holds ``counted`` against the expected cash of this method, with the same
        tolerance and override rules, and ``evidence`` goes into the log row's reason. A cash
        machine's addon (pos_cashdro) returns the machine's own level here, without importing the guard.
        """
        self.ensure_one()
        return None
