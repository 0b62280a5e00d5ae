from odoo.tests import tagged

from odoo.addons.pos_hr.tests.test_frontend import TestPosHrHttpCommon


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
        supervisor = self.env["hr.employee"].create({
            "name": "Sam Supervisor", "company_id": self.env.company.id, "pos_approval_pin": "4826",
            "pos_security_role_id": self.env.ref("pos_security_pro.role_supervisor").id,
        })
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosSecurityEmployeeDiscount", login="pos_user")
        log = self.env["pos.approval.log"].search([("status", "=", "approved")])
        self.assertEqual((log.action_type, log.requested_by_id, log.approved_by_id),
                         ("discount", self.emp1, supervisor))

    def test_auto_lock_returns_to_the_login_screen(self):
        self.main_pos_config.write({"lp_autolock_minutes": 1})
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosSecurityAutoLock", login="pos_user")
