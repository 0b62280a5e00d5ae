"""Installed into a running shop: employees without a role keep vanilla rights, and while the shop
observes, the backstop records what it would flag without blocking anything."""

import importlib.util
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestDefaultRole(SecurityCommon):
    def test_employee_without_role_has_vanilla_rights_until_the_owner_picks_one(self):
        self.config.sudo().lp_default_employee_role_id = False  # what an install into a running shop leaves
        role_none = self.env.ref("pos_security_pro.role_none")
        self.assertEqual(self.cashier._lp_security_role(self.config), role_none)
        order = self.sync(self.order_data([(self.product, 1, 30)]))
        self.assertFalse(self.flags(order), "no restriction the owner did not choose")
        self.config.sudo().lp_default_employee_role_id = self.role_cashier
        self.assertEqual(self.cashier._lp_security_role(self.config), self.role_cashier)
        self.assertEqual(self.senior._lp_security_role(self.config), self.role_senior, "a role given stays")

    def test_new_shop_of_a_running_shop_has_no_default_role(self):
        self.env["ir.config_parameter"].sudo().set_param("pos_loss_prevention_base.enforce_new_shops", False)
        config = self.env["pos.config"].create({"name": "New shop"})
        self.assertFalse(config.lp_default_employee_role_id)
        self.assertFalse(config.lp_enforced)


@tagged("post_install", "-at_install")
class TestSecurityObserving(SecurityCommon):
    def setUp(self):
        self.config.lp_enforced = False  # before the session opens: as installed into a running shop
        super().setUp()

    def test_discount_over_cap_is_recorded_not_flagged(self):
        order = self.sync(self.order_data([(self.product, 1, 30)]))
        self.assertFalse(self.flags(order))
        observed = self.env["pos.approval.log"].search([("order_id", "=", order.id)])
        self.assertEqual(observed.status, "observed")
        self.assertEqual(observed.action_type, "discount")
        self.assertFalse(self.session._cannot_close_session(), "an observed row blocks no closing")

    def test_cash_out_and_closing_are_not_refused(self):
        self.config.sudo().lp_default_employee_role_id = self.role_cashier
        self.role_cashier.sudo().write({"require_approval_cash_out": True, "hide_close_register": True})
        self.session.try_cash_in_out("out", 50.0, "lunch", {"translatedType": "out"})
        self.assertFalse(self.session._lp_till_roles(), "no role restricts an observed till")
        self.session._lp_check_till_may_close()
        # Issue 10: what enforcement would have asked is on record, with the actor and the amount.
        row = self.env["pos.approval.log"].search([("session_id", "=", self.session.id)])
        self.assertEqual((row.status, row.action_type, row.new_value, row.reason),
                         ("observed", "cash_out", "50.0", "lunch"))
        self.assertEqual(row.requested_by_id, self.cashier)
        self.assertFalse(self.session._cannot_close_session(), "an observed row blocks no closing")
        self.session.try_cash_in_out("in", 20.0, "float", {"translatedType": "in"})
        rows = self.env["pos.approval.log"].search([("session_id", "=", self.session.id)], order="id")
        self.assertEqual(rows.mapped("action_type"), ["cash_out", "cash_in"], "one row per move, the Cashier's "
                         "role asks approval for both")
        self.assertEqual(set(rows.mapped("status")), {"observed"})


@tagged("post_install", "-at_install")
class TestSecurityChecklist(SecurityCommon):
    def items(self):
        return [item for item in self.config._lp_enforcement_checklist() if item["addon"] == "pos_security_pro"]

    def test_checklist_counts_roles_and_refuses_an_approverless_gate(self):
        self.config.sudo().lp_enforced = False
        labels = [item["label"] for item in self.items()]
        employees = self.env["hr.employee"]._lp_login_candidates(self.config)
        with_role = employees.filtered("pos_security_role_id")
        self.assertIn("%s of %s employees have a role" % (len(with_role), len(employees)), labels)
        self.assertIn("Employees without a role: Cashier", labels)
        self.assertFalse([item for item in self.items() if item["blocking"] and not item["ok"]])
        # Nobody can approve any more: the Cashier role's gates would stop the till.
        self.env["hr.employee"].sudo().search([]).write({"pos_approval_pin_hash": False})
        blockers = [item["label"] for item in self.items() if item["blocking"] and not item["ok"]]
        self.assertTrue(any("The Cashier role needs an approval for \"Refund\"" in label for label in blockers),
                        blockers)
        with self.assertRaisesRegex(UserError, "nobody with an approval PIN can give it"):
            self.config.with_user(self.manager_user).action_lp_enforce()
        self.assertFalse(self.config.lp_enforced)


@tagged("post_install", "-at_install")
class TestEnforcementMigration(SecurityCommon):
    def test_upgraded_database_keeps_enforcing(self):
        """18.0.1.2.0: a database that ran the suite before the switch keeps its gates and its default role."""
        # What the upgrade of the base leaves: new columns, every shop observing, open sessions empty.
        configs = self.env["pos.config"].search([])
        configs.sudo().write({"lp_enforced": False, "lp_default_employee_role_id": False})
        self.env.cr.execute("UPDATE pos_session SET lp_enforced = NULL WHERE id = %s", [self.session.id])
        self.session.invalidate_recordset(["lp_enforced"])
        self.assertFalse(self.session._lp_enforced())
        path = Path(__file__).parent.parent / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pos_security_pro_post_migrate_1_2", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertTrue(all(configs.mapped("lp_enforced")))
        self.assertEqual(configs.mapped("lp_default_employee_role_id"), self.role_cashier)
        self.assertTrue(self.session._lp_enforced(), "the open session keeps the gates it had")
        order = self.sync(self.order_data([(self.product, 1, 30)]))
        self.assertTrue(self.flags(order), "the Cashier role's discount gate holds as before the upgrade")
