"""Who is at the till: one row per employee login the server checked (pos_hr tills).

Kept out of the session row on purpose: writing ``pos_session`` at every login contended with the
session's own writes (order sync, login counter) and made PostgreSQL refuse one of them ("could not
serialize access due to concurrent update"). An insert here locks nothing another transaction
writes; the till's current employee is its session's latest row.
"""

from odoo import fields, models


class PosSessionLogin(models.Model):
    _name = "pos.session.login"
    _description = "POS Employee Login"
    _order = "id desc"
    _log_access = False

    session_id = fields.Many2one("pos.session", required=True, readonly=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", required=True, readonly=True, ondelete="cascade")
    login_date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
