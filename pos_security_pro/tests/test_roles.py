import importlib.util
from pathlib import Path
from unittest.mock import patch

from lxml import etree

from odoo.tests import tagged

from .common import SHIFT_PIN, SecurityCommon


@tagged("post_install", "-at_install")
class TestRoles(SecurityCommon):
    def test_six_roles_ship_with_their_profiles(self):
        self.assertFalse(self.role_cashier.can_approve)
        self.assertEqual(self.role_cashier.max_discount, 0)
        self.assertEqual(self.role_senior.max_discount, 10)
        self.assertFalse(self.role_senior.can_approve)
        self.assertTrue(self.role_waiter.hide_payment_button)
        self.assertTrue(self.role_waiter.hide_numpad_discount)
        self.assertEqual(self.role_shift.approval_max_discount, 100)
        self.assertEqual(self.role_supervisor.approval_max_discount, 25)
        self.assertEqual(self.role_manager.approval_max_discount, 100)
        for role in (self.role_cashier, self.role_senior, self.role_waiter):
            for action in ("delete_line", "reduce_qty", "cancel_order", "refund", "split_bill", "transfer",
                           "discount", "price", "cash_in", "cash_out"):
                self.assertTrue(role._lp_requires_approval(action), (role.name, action))

    def test_eight_bilingual_reasons(self):
        reasons = self.env["pos.approval.reason"].search([])
        self.assertGreaterEqual(len(reasons), 8)
        other = self.env.ref("pos_security_pro.reason_other")
        self.assertEqual(other.name, "Other / Autre")
        self.assertTrue(other.require_notes)
        self.assertIn(" / ", self.env.ref("pos_security_pro.reason_out_of_stock").name)

    def test_role_decides_who_approves_a_discount(self):
        session = self.session.sudo()
        self.assertTrue(self.supervisor._lp_can_approve("discount", 20, session))
        self.assertFalse(self.supervisor._lp_can_approve("discount", 30, session))
        self.assertTrue(self.shift._lp_can_approve("discount", 100, session))
        self.assertFalse(self.senior._lp_can_approve("discount", 5, session))
        # no role + POS manager user: Manager role
        self.assertTrue(self.manager._lp_can_approve("discount", 100, session))
        # no role, no manager rights: Cashier role
        self.assertFalse(self.outsider._lp_can_approve("discount", 1, session))
        approvers = [row["name"] for row in self.session.lp_get_approvers("discount", 30)]
        self.assertIn(self.shift.name, approvers)
        self.assertNotIn(self.supervisor.name, approvers)
        # other addons' actions keep the base rule
        self.assertFalse(self.supervisor._lp_can_approve("stock_adjust", 1, session))
        # ...except a sibling's action declared decided by the roles in the registry (pos_stock_pro's
        # override, which has no approver list of its own); one declared "own" keeps its rule
        # (pos_session_guard's closing override). No sibling's name is spelled here.
        Action = type(self.env["pos.lp.action"])
        declare = Action._lp_declare_actions

        def declare_siblings(model):
            return declare(model) + [{"code": "sibling_override", "decider": "roles"},
                                     {"code": "sibling_own_rule", "decider": "own"}]
        try:
            with patch.object(Action, "_lp_declare_actions", declare_siblings):
                self.env.registry.clear_cache()
                self.assertTrue(self.supervisor._lp_can_approve("sibling_override", "[]", session))
                self.assertFalse(self.senior._lp_can_approve("sibling_override", "[]", session))
                self.assertFalse(self.outsider._lp_can_approve("sibling_override", "[]", session))
                self.assertFalse(self.supervisor._lp_can_approve("sibling_own_rule", 10, session))
        finally:
            self.env.registry.clear_cache()

    def test_upgrade_limits_the_shift_supervisor_once(self):
        """The 18.0.1.1.0 migration gives the (noupdate) Shift Supervisor its front-line roles."""
        path = Path(__file__).parent.parent / "migrations" / "18.0.1.1.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pos_security_pro_post_migrate_1_1", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        self.role_shift.approvable_role_ids = False
        module.migrate(self.env.cr, "18.0.1.0.0")
        self.role_shift.invalidate_recordset()
        self.assertEqual(self.role_shift.approvable_role_ids, self.role_cashier | self.role_senior | self.role_waiter)
        self.role_shift.approvable_role_ids = self.role_cashier  # a manager's choice survives a re-run
        module.migrate(self.env.cr, "18.0.1.0.0")
        self.role_shift.invalidate_recordset()
        self.assertEqual(self.role_shift.approvable_role_ids, self.role_cashier)

    def test_employee_overrides(self):
        session = self.session.sudo()
        self.outsider.pos_can_approve = True
        self.assertTrue(self.outsider._lp_can_approve("discount", 100, session))
        self.outsider.pos_max_discount = 15
        self.assertFalse(self.outsider._lp_can_approve("discount", 20, session))
        self.senior.pos_max_discount = 30
        self.assertEqual(self.senior.pos_effective_max_discount, 30)

    def test_pos_user_reads_employee_role_fields(self):
        """A till user without HR rights reads employees through hr.employee.public."""
        public = self.env["hr.employee.public"].with_user(self.till_user).browse(self.senior.id)
        self.assertEqual(public.pos_security_role_id, self.role_senior)
        data = self.session.load_data(["pos.config", "pos.security.role", "pos.approval.reason"])
        self.assertIn(self.role_senior.id, [row["id"] for row in data["pos.security.role"]["data"]])
        self.assertGreaterEqual(len(data["pos.approval.reason"]["data"]), 8)

    def test_role_survives_company_transfer(self):
        other = self.env["res.company"].create({"name": "Other Shop Co"})
        self.senior.company_id = other
        self.assertEqual(self.senior.pos_security_role_id, self.role_senior)

    def test_employee_form_has_the_pos_security_tab(self):
        arch = etree.fromstring(self.env["hr.employee"].get_view(view_type="form")["arch"])
        page = arch.xpath("//page[@name='pos_security']")
        self.assertTrue(page)
        for field in ("pos_security_role_id", "pos_can_approve", "pos_max_discount", "pos_approval_pin"):
            self.assertEqual(len(arch.xpath(f"//field[@name='{field}']")), 1, field)
            self.assertTrue(page[0].xpath(f".//field[@name='{field}']"), field)


@tagged("post_install", "-at_install")
class TestCrossRoleApprovals(SecurityCommon):
    def setUp(self):
        self.config.write({"module_pos_hr": True})  # the till names the employee who asks
        super().setUp()

    def test_shift_supervisor_makes_no_cross_role_approvals(self):
        """The Shift Supervisor approves the front-line roles only; a Supervisor's request needs
        someone whose role is not limited (Supervisor, Manager). Raw RPC, as the till calls it."""
        session = self.session.with_user(self.till_user)
        self.cashier.pos_security_role_id = self.role_cashier
        # The requester is whoever the server logged in at the till (the base's till actor).
        self.assertTrue(session.lp_employee_login(False, employee_id=self.cashier.id)["ok"])
        from_cashier = session.lp_get_approvers("discount", 50, requested_by_id=self.cashier.id)
        self.assertIn(self.shift.id, [row["id"] for row in from_cashier])
        other_supervisor = self.env["hr.employee"].create({
            "name": "Sue Second Supervisor", "company_id": self.company.id,
            "pos_security_role_id": self.role_supervisor.id, "pin": "5151",
        })
        self.assertTrue(session.lp_employee_login("5151", employee_id=other_supervisor.id)["ok"])
        from_supervisor = session.lp_get_approvers("discount", 50, requested_by_id=other_supervisor.id)
        self.assertNotIn(self.shift.id, [row["id"] for row in from_supervisor])
        self.assertIn(self.manager.id, [row["id"] for row in from_supervisor])
        refused = session.lp_request_approval("discount", self.shift.id, SHIFT_PIN, value=50,
                                              requested_by_id=other_supervisor.id)
        self.assertFalse(refused["ok"])
        denied = self.env["pos.approval.log"].search([
            ("session_id", "=", self.session.id), ("requested_by_id", "=", other_supervisor.id)])
        self.assertEqual(denied.status, "denied")
        self.assertTrue(session.lp_employee_login(False, employee_id=self.cashier.id)["ok"])
        granted = session.lp_request_approval("discount", self.shift.id, SHIFT_PIN, value=50,
                                              requested_by_id=self.cashier.id)
        self.assertTrue(granted["ok"])
        # Managers may widen or lift the limit.
        self.role_shift.approvable_role_ids = False
        self.assertTrue(self.shift._lp_can_approve("discount", 50, self.session.sudo(),
                                                   requested_by=other_supervisor))
