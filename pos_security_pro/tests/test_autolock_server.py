"""Issue 13: the server's twin of the supervisor unlock after an auto-lock.

Raw RPC as the till user, as the till calls them: the till reports its lock
(``pos.session.lp_autolock_engaged``) and ``lp_employee_login`` then refuses every login on that
session unless it carries a supervisor's ``unlock`` token. The browser's sessionStorage flag is
not involved: clearing it, or calling the RPC by hand, opens nothing.
"""

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.pos_hr.tests.test_frontend import TestPosHrHttpCommon

from .common import SUPERVISOR_PIN_2, create_supervisor


@tagged("post_install", "-at_install")
class TestAutolockServerTwin(TestPosHrHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = create_supervisor(cls.env, cls.env.company)

    def open_session(self, supervisor=True):
        self.main_pos_config.write({"lp_enforced": True, "lp_autolock_enabled": True, "lp_autolock_timeout": 10,
                                    "lp_autolock_supervisor": supervisor})
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id.with_user(self.pos_user)
        self.assertTrue(session.lp_employee_login("2580", employee_id=self.emp1.id)["ok"], "first login")
        return session

    def approve(self, session, action, value=None):
        result = session.lp_request_approval(action, self.supervisor.id, SUPERVISOR_PIN_2, value=value)
        self.assertTrue(result["ok"], result.get("message"))
        return result["token"]

    def lock(self, session):
        return self.env["pos.session.autolock"].search([("session_id", "=", session.id)])

    def test_locked_session_needs_a_supervisors_unlock_token(self):
        session = self.open_session()
        self.assertEqual(session.lp_autolock_engaged(), {"locked": True})
        self.assertEqual(session.lp_autolock_engaged(), {"locked": True}, "idempotent")
        lock = self.lock(session)
        self.assertEqual((len(lock), lock.locked_employee_id, lock.unlocked_at), (1, self.emp1, False))
        with self.assertRaises(AccessError):
            self.env["pos.session.autolock"].with_user(self.pos_user).browse(lock.id).write({"unlocked_at": False})

        refused = session.lp_employee_login("2580", employee_id=self.emp1.id)
        self.assertEqual((refused["ok"], refused.get("locked")), (False, True), "the right PIN alone: refused")
        self.assertIn("no approval token", refused["message"])
        self.assertFalse(session.lp_employee_login("2580")["ok"], "PIN-first login: refused too")

        other = self.approve(session, "cash_out", value=10.0)
        refused = session.lp_employee_login("2580", employee_id=self.emp1.id, unlock_token=other)
        self.assertFalse(refused["ok"], "a token for another action does not unlock")
        self.assertIn("another action", refused["message"])

        unlock = self.approve(session, "unlock")
        wrong_pin = session.lp_employee_login("1111", employee_id=self.emp1.id, unlock_token=unlock)
        self.assertFalse(wrong_pin["ok"])
        self.assertFalse(wrong_pin.get("locked"), "a wrong PIN is a wrong PIN: the token is not spent")
        logins_before = self.env["pos.session.login"].search_count([("session_id", "=", session.id)])
        accepted = session.lp_employee_login("2580", employee_id=self.emp1.id, unlock_token=unlock)
        self.assertEqual((accepted["ok"], accepted["employee_ids"]), (True, [self.emp1.id]))
        self.assertEqual(self.env["pos.session.login"].search_count([("session_id", "=", session.id)]),
                         logins_before + 1, "the unlock is a login the server recorded")
        lock.invalidate_recordset()
        self.assertTrue(lock.unlocked_at, "the unlock clears the lock")
        self.assertEqual((lock.approver_id, lock.unlocked_employee_id), (self.supervisor, self.emp1))
        self.assertEqual(lock.token_id.consumed_res_model, "pos.session.autolock")
        log = self.env["pos.approval.log"].search([("session_id", "=", session.id), ("action_type", "=", "unlock")])
        self.assertEqual((log.status, log.approved_by_id), ("approved", self.supervisor))
        self.assertTrue(session.lp_employee_login("2580", employee_id=self.emp1.id)["ok"], "unlocked")

        session.lp_autolock_engaged()
        replay = session.lp_employee_login("2580", employee_id=self.emp1.id, unlock_token=unlock)
        self.assertFalse(replay["ok"], "an unlock token opens one lock, once")
        self.assertIn("already used", replay["message"])
        self.assertEqual(len(self.lock(session)), 2, "one row per lock")
        self.assertEqual(self.env["pos.pin.attempt.log"].search_count([
            ("session_id", "=", session.id), ("outcome", "=", "not_allowed")]), 4, "every refusal on record")

    def test_without_the_supervisor_option_the_server_holds_no_lock(self):
        session = self.open_session(supervisor=False)
        self.assertEqual(session.lp_autolock_engaged(), {"locked": False})
        self.assertFalse(self.lock(session))
        self.assertTrue(session.lp_employee_login("2580", employee_id=self.emp1.id)["ok"], "the cashier's PIN")

    def test_manager_sets_auto_lock_in_the_settings_form(self):
        """The settings form as a POS manager fills it (its view, its modifiers), not the ORM."""
        manager = self.pos_admin  # a POS manager of the shop's company, who may open the Settings
        manager.groups_id += self.env.ref("base.group_system")
        self.assertTrue(manager.has_group("point_of_sale.group_pos_manager"))
        company = self.main_pos_config.company_id
        settings = Form(self.env["res.config.settings"].with_user(manager).with_company(company))
        settings.pos_config_id = self.main_pos_config
        self.assertTrue(settings.pos_module_pos_hr, "auto-lock needs employee login")
        settings.pos_lp_autolock_enabled = True
        settings.pos_lp_autolock_timeout = 45
        settings.pos_lp_autolock_supervisor = True
        settings.save().execute()
        self.assertEqual((self.main_pos_config.lp_autolock_enabled, self.main_pos_config.lp_autolock_timeout,
                          self.main_pos_config.lp_autolock_supervisor), (True, 45, True))
