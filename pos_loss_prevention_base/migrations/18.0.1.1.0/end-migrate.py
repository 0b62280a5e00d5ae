"""18.0.1.1.0 (end-migrate: every addon's log models are loaded by then).

- Each evidence chain gets an independent witness of its head (tail truncation). Existing chains
  are witnessed at their current head: rows lost before today cannot be told apart from a chain
  that ended there, so verify them first if in doubt (Verify Integrity).
- The till's current employee moves from the column pos_session.lp_login_employee_id (written by
  pos_security_pro at each login) to pos.session.login rows: open sessions keep their employee.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pos.evidence.witness"]._lp_bootstrap()
    cr.execute("""SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'pos_session' AND column_name = 'lp_login_employee_id'""")
    if cr.fetchone():
        cr.execute("""INSERT INTO pos_session_login (session_id, employee_id, login_date)
                      SELECT id, lp_login_employee_id, now() at time zone 'UTC' FROM pos_session
                       WHERE lp_login_employee_id IS NOT NULL AND state != 'closed'
                         AND NOT EXISTS (SELECT 1 FROM pos_session_login l WHERE l.session_id = pos_session.id)""")
