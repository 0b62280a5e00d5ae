import importlib.util
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.pos_hr.tests.test_frontend import TestPosHrHttpCommon

from .common import SUPERVISOR_PIN_2, create_supervisor


@tagged("post_install", "-at_install")
class TestServerLoginPin(TestPosHrHttpCommon):
    """pos_hr login PINs: no hash reaches the till; the server checks and throttles them."""

    def open_session(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        return self.main_pos_config.current_session_id.with_user(self.pos_user)

    def test_no_pin_hash_is_shipped(self):
        session = self.open_session()
        data = session.load_data(["pos.config", "hr.employee"])
        rows = {row["id"]: row for row in data["hr.employee"]["data"]}
        self.assertIs(rows[self.emp1.id]["_pin"], False)
        self.assertTrue(rows[self.emp1.id]["_lp_has_pin"])
        self.assertFalse(rows[self.emp3.id]["_lp_has_pin"])
        hashes = self.env["hr.employee"].with_user(self.pos_user).browse(self.emp1.id).get_barcodes_and_pin_hashed()
        self.assertFalse(hashes[0]["pin"])

    def test_server_checks_and_throttles_login_pins(self):
        session = self.open_session()
        self.assertEqual(session.lp_employee_login("2580")["employee_ids"], [self.emp1.id])
        self.assertTrue(session.lp_employee_login("2580", employee_id=self.emp1.id)["ok"])
        self.assertFalse(session.lp_employee_login("1234", employee_id=self.emp1.id)["ok"])
        self.assertTrue(session.lp_employee_login(False, employee_id=self.emp3.id)["ok"], "no PIN, no question")
        for _attempt in range(4):
            self.assertFalse(session.lp_employee_login("0000")["ok"])
        result = session.lp_employee_login("2580")
        self.assertFalse(result["ok"], "locked after 5 failures, even with the right PIN")
        self.assertIn("Too many", result["message"])
        attempts = self.env["pos.pin.attempt.log"].search(
            [("session_id", "=", session.id), ("action", "=", "pos_login")])
        self.assertEqual(len(attempts), 5)

    def test_login_tour(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosSecurityServerLoginPin", login="pos_user")
        attempt = self.env["pos.pin.attempt.log"].search([("action", "=", "pos_login")])
        self.assertEqual(len(attempt), 1)

    def test_employee_discount_needs_a_supervisor(self):
        """With employee login, the role follows the logged employee (shipped as _lp_role_id)."""
        self.main_pos_config.write({"manual_discount": True})
        supervisor = create_supervisor(self.env, self.env.company)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosSecurityEmployeeDiscount", login="pos_user")
        log = self.env["pos.approval.log"].search([("status", "=", "approved")])
        self.assertEqual((log.action_type, log.requested_by_id, log.approved_by_id),
                         ("discount", self.emp1, supervisor))

    # ------------------------------------------------------------------ auto-lock (issue 13)
    def autolock(self, **vals):
        self.main_pos_config.write(dict({"lp_autolock_enabled": True, "lp_autolock_timeout": 10}, **vals))
        self.main_pos_config.with_user(self.pos_user).open_ui()

    def test_auto_lock_after_the_timeout_needs_the_cashiers_pin(self):
        self.autolock()
        self.start_pos_tour("PosSecurityAutoLock", login="pos_user")
        logins = self.env["pos.session.login"].search(
            [("session_id", "=", self.main_pos_config.current_session_id.id), ("employee_id", "=", self.emp1.id)])
        self.assertEqual(len(logins), 2, "the unlock went through the server's PIN check, as the first login")

    def test_auto_lock_with_the_supervisor_option_needs_a_supervisor(self):
        supervisor = create_supervisor(self.env, self.env.company)
        self.main_pos_config.lp_enforced = True  # the server holds the lock too (lp_autolock_engaged)
        self.autolock(lp_autolock_supervisor=True)
        self.start_pos_tour("PosSecurityAutoLockSupervisor", login="pos_user")
        lock = self.env["pos.session.autolock"].search([])
        self.assertEqual(len(lock), 1, "the till told the server it locked")
        self.assertTrue(lock.unlocked_at, "the supervisor's token, carried by the login, cleared it")
        self.assertEqual((lock.approver_id, lock.unlocked_employee_id), (supervisor, self.emp1))
        unlock = self.env["pos.approval.log"].search([("action_type", "=", "unlock")])
        self.assertEqual(sorted(unlock.mapped("status")), ["approved", "pin_failed"],
                         "the supervisor's unlock and the wrong PIN before it are on record")
        approved = unlock.filtered(lambda log: log.status == "approved")
        self.assertEqual((approved.approved_by_id, approved.requested_by_id), (supervisor, self.emp1))

    def test_auto_lock_spares_a_terminal_payment(self):
        self.autolock()
        self.start_pos_tour("PosSecurityAutoLockSparesTerminalPayment", login="pos_user")

    def test_auto_lock_settings(self):
        """Seconds, at least 10; a POS user cannot switch it off; no employee login, no auto-lock."""
        with self.assertRaises(ValidationError):
            self.main_pos_config.write({"lp_autolock_enabled": True, "lp_autolock_timeout": 3})
        self.main_pos_config.write({"lp_autolock_enabled": True, "lp_autolock_timeout": 45})
        with self.assertRaises(AccessError):
            self.main_pos_config.with_user(self.pos_user).write({"lp_autolock_enabled": False})
        with self.assertRaises(AccessError):
            self.main_pos_config.with_user(self.pos_user).write({"lp_autolock_timeout": 86400})
        data = self.open_session().load_data(["pos.config"])["pos.config"]["data"][0]
        self.assertEqual((data["lp_autolock_enabled"], data["lp_autolock_timeout"]), (True, 45),
                         "the till reads the setting with its data: no RPC while selling")

    def test_auto_lock_minutes_migrate_to_seconds(self):
        other = self.main_pos_config.copy({"name": "Second Till"})
        cr = self.env.cr
        cr.execute("ALTER TABLE pos_config ADD COLUMN IF NOT EXISTS lp_autolock_minutes integer")
        cr.execute("UPDATE pos_config SET lp_autolock_minutes = 3 WHERE id = %s", [self.main_pos_config.id])
        cr.execute("UPDATE pos_config SET lp_autolock_minutes = 0 WHERE id = %s", [other.id])
        path = Path(__file__).parent.parent / "migrations" / "18.0.1.3.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pos_security_pro_post_migrate_1_3", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(cr, "18.0.1.2.0")
        self.env.invalidate_all()
        self.assertEqual((self.main_pos_config.lp_autolock_enabled, self.main_pos_config.lp_autolock_timeout),
                         (True, 180))
        self.assertEqual((other.lp_autolock_enabled, other.lp_autolock_timeout), (False, 300))

    # ------------------------------------------------------------------ PIN-less approvers (issue 9 item 6)
    def test_pinless_manager_is_refused_at_login(self):
        """Raw RPC: a manager without a login PIN cannot be logged in; a PIN-less cashier still can."""
        self.main_pos_config.write({"advanced_employee_ids": [Command.set(self.admin.ids)]})
        session = self.open_session()
        self.assertTrue(session.lp_employee_login("2580", employee_id=self.emp1.id)["ok"])
        result = session.lp_employee_login(False, employee_id=self.admin.id)
        self.assertFalse(result["ok"])
        self.assertIn("no login PIN", result["message"])
        self.assertEqual(session.lp_login_employee_id, self.emp1, "the refused manager is not at the till")
        refusal = self.env["pos.pin.attempt.log"].search(
            [("session_id", "=", session.id), ("employee_id", "=", self.admin.id)])
        self.assertEqual(refusal.outcome, "not_allowed")
        self.assertTrue(session.lp_employee_login(False, employee_id=self.emp3.id)["ok"], "Cashier role: no PIN needed")
        self.assertEqual(session.lp_login_employee_id, self.emp3)
        rows = {row["id"]: row for row in session.load_data(["pos.config", "hr.employee"])["hr.employee"]["data"]}
        self.assertTrue(rows[self.admin.id]["_lp_pin_required"])
        self.assertFalse(rows[self.emp3.id]["_lp_pin_required"])

    def test_pinless_employees_log_in_while_the_shop_observes(self):
        """Installed into a running shop (enforcement off, employees with vanilla rights): pos_hr's
        own login, PIN-less managers and cashiers included, as Odoo's pos_hr tours expect."""
        self.main_pos_config.write({"advanced_employee_ids": [Command.set(self.admin.ids)], "lp_enforced": False})
        self.main_pos_config.lp_default_employee_role_id = False
        session = self.open_session()
        self.assertFalse(session._lp_enforced())
        for employee in (self.admin, self.emp3):
            result = session.lp_employee_login(False, employee_id=employee.id)
            self.assertTrue(result["ok"], result["message"])
            self.assertEqual(session.lp_login_employee_id, employee)
        self.assertFalse(self.env["pos.pin.attempt.log"].search([("session_id", "=", session.id)]))

    def test_pinless_approvers_are_named_in_the_settings_and_the_employee_form(self):
        self.main_pos_config.write({"advanced_employee_ids": [Command.set(self.admin.ids)]})
        self.emp3.pos_security_role_id = self.env.ref("pos_security_pro.role_supervisor")
        warning = self.main_pos_config.lp_pinless_warning
        self.assertIn("2 employees with approval authority", warning)
        self.assertIn("Mitchell Admin", warning)
        self.assertNotIn("Pos Employee2", warning)
        settings = self.env["res.config.settings"].create({"pos_config_id": self.main_pos_config.id})
        self.assertEqual(settings.pos_lp_pinless_warning, warning)
        self.assertIn("No login PIN", self.emp3.pos_login_pin_warning)
        self.assertFalse(self.emp1.pos_login_pin_warning, "has a PIN")
        self.emp3.pin = "9631"
        self.assertFalse(self.emp3.pos_login_pin_warning)

    def test_pinless_manager_tour(self):
        self.main_pos_config.write({"advanced_employee_ids": [Command.set(self.admin.ids)]})
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosSecurityPinlessManagerRefused", login="pos_user")
        session = self.main_pos_config.current_session_id
        self.assertEqual(session.lp_login_employee_id, self.emp1)

    # ------------------------------------------------------------------ issue 17 items 4 and 5
    def test_login_throttle_holds_across_tills_of_the_shop(self):
        """Raw RPC: 5 wrong PINs spread over two tills of one shop lock both; the right PIN too."""
        session_a = self.open_session()
        config_b = self.main_pos_config.copy({"name": "Shop Till 2"})
        config_b.with_user(self.pos_user).open_ui()
        session_b = config_b.current_session_id.with_user(self.pos_user)
        self.assertNotEqual(session_a, session_b)
        for session in (session_a, session_b, session_a, session_b):
            self.assertFalse(session.lp_employee_login("0000", employee_id=self.emp1.id)["ok"])
        self.assertFalse(session_b.lp_employee_login("0000", employee_id=self.emp1.id)["ok"])
        for session in (session_a, session_b):
            result = session.lp_employee_login("2580", employee_id=self.emp1.id)
            self.assertFalse(result["ok"], "locked at every till of the shop")
            self.assertIn("Too many", result["message"])

    def test_login_throttle_follows_the_employee(self):
        """An employee's wrong PINs count at any till, even of another shop."""
        # Before any session opens: a second warehouse switches multi-warehouse on, which writes the configs.
        warehouse = self.env["stock.warehouse"].create({"name": "Second Shop", "code": "SH2"})
        session_a = self.open_session()
        config_b = self.main_pos_config.copy({"name": "Other Shop Till", "picking_type_id": warehouse.pos_type_id.id})
        config_b.with_user(self.pos_user).open_ui()
        session_b = config_b.current_session_id.with_user(self.pos_user)
        for _attempt in range(5):
            session_a.lp_employee_login("0000", employee_id=self.emp1.id)
        self.assertFalse(session_b.lp_employee_login("2580", employee_id=self.emp1.id)["ok"])
        self.assertTrue(session_b.lp_employee_login("1234", employee_id=self.emp2.id)["ok"], "others log in")

    # ------------------------------------------------------------------ till actor (issue 9 item 3)
    def test_requester_is_the_logged_in_employee_not_the_client(self):
        supervisor = create_supervisor(self.env, self.env.company)
        session = self.open_session()
        self.assertTrue(session.lp_employee_login("2580", employee_id=self.emp1.id)["ok"])
        result = session.lp_request_approval(
            "discount", supervisor.id, SUPERVISOR_PIN_2, value=20, reason="Price Error / Erreur de prix",
            requested_by_id=self.emp2.id)  # the client names another employee
        self.assertTrue(result["ok"], result)
        log = self.env["pos.approval.log"].search([("session_id", "=", session.id)])
        self.assertEqual(log.requested_by_id, self.emp1)
