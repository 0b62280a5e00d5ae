from odoo import models


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    def _lp_closing_count(self, session):
        """Extension point: the cash this method counts itself at closing, instead of the cashier.

        Defined here, in the base, so that the guard (pos_session_guard) and a cash machine's addon
        (pos_cashdro) meet without importing each other, in whichever order Odoo loads them.

        Return ``None`` (the register's count is used) or a dict, every key optional:

        - ``counted``: the amount the method counted (e.g. a machine's own level); without it the
          register's count stays;
        - ``opening``: the method's opening float for the session (e.g. the level read at opening),
          instead of the one the guard carries over;
        - ``evidence``: text for the guard's log row (what was read, which operations);
        - ``needs_override``: the count cannot be trusted (machine not read): closing needs an
          override whatever the difference.
        """
        self.ensure_one()
        return None
