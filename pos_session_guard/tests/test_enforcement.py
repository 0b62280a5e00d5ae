"""Installed into a running shop, the guard observes: it records what it would block and refuses
nothing, until the owner switches enforcement on (pos_loss_prevention_base)."""

import importlib.util
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import GuardCommon


class ObservingGuardCommon(GuardCommon):
    def setUp(self):
        self.config.lp_enforced = False  # before the session opens: as installed into a running shop
        super().setUp()


@tagged("post_install", "-at_install")
class TestGuardObserving(ObservingGuardCommon):
    def test_backend_validate_closes_with_a_difference_and_records_it(self):
        """Core's own closing path (what Odoo's tests and an accountant use) works at the defaults."""
        self.session.write({"cash_register_balance_end_real": 70})
        self.session.with_user(self.manager_user).action_pos_session_validate()
        self.assertEqual(self.session.state, "closed")
        would_block = self.logs("would_block")
        self.assertEqual(len(would_block), 1)
        self.assertEqual(would_block.difference, -30)
        self.assertFalse(self.logs("blocked"))

    def test_till_closing_records_one_row_and_closes(self):
        self.assertFalse(self.session._guard_ui_data()["enabled"], "the popup behaves as vanilla Odoo")
        self.assertFalse(self.session.guard_evaluate(70)["blocked"])
        self.session.post_closing_cash_details(70)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        self.assertEqual(len(self.logs("would_block")), 1, "one row per closing, not one per guarded path")
        self.assertFalse(self.logs("blocked"))

    def test_switching_on_applies_from_the_next_session(self):
        self.config.sudo().lp_enforced = True
        self.session.write({"cash_register_balance_end_real": 70})
        self.session.with_user(self.manager_user).action_pos_session_validate()
        self.assertEqual(self.session.state, "closed", "a session opened while observing closes as before")


@tagged("post_install", "-at_install")
class TestGuardInstallDefaults(GuardCommon):
    def test_tolerance_starts_from_odoos_maximum_difference(self):
        self.config.sudo().write({"set_maximum_difference": True, "amount_authorized_diff": 5.0,
                                  "guard_tolerance_amount": 0.0})
        post_init_hook(self.env)
        self.assertEqual(self.config.sudo().guard_tolerance_amount, 5.0)
        self.assertEqual(self.session._guard_tolerance(100), 5.0)


@tagged("post_install", "-at_install")
class TestGuardChecklist(ObservingGuardCommon):
    employee_login = True

    def guard_items(self):
        return [item for item in self.config._lp_enforcement_checklist() if item["addon"] == "pos_session_guard"]

    def test_enforcement_refused_while_nobody_can_approve_a_difference(self):
        self.config.sudo().write({"guard_override_group_ids": [(5,)], "guard_override_employee_ids": [(5,)]})
        blocking = [item for item in self.guard_items() if item["blocking"]]
        self.assertFalse(blocking[0]["ok"])
        self.assertIn("nobody can approve a cash difference", blocking[0]["label"])
        with self.assertRaisesRegex(UserError, "nobody can approve a cash difference"):
            self.config.with_user(self.manager_user).action_lp_enforce()
        self.assertFalse(self.config.lp_enforced)
        self.config.sudo().guard_override_employee_ids = self.manager  # has an approval PIN
        self.assertTrue([item for item in self.guard_items() if item["blocking"]][0]["ok"])
        self.assertIn("Closing guard tolerance", self.config.lp_checklist_html)
        self.config.with_user(self.manager_user).action_lp_enforce()
        self.assertTrue(self.config.lp_enforced)


@tagged("post_install", "-at_install")
class TestGuardMigration(GuardCommon):
    def test_shops_whose_guard_applied_keep_enforcing(self):
        """18.0.1.1.0: the guard applied where it was on with cash control; those shops keep it."""
        other = self.env["pos.config"].create({"name": "Guard off", "guard_enabled": False})
        (self.config | other).sudo().lp_enforced = False
        self.env.cr.execute("UPDATE pos_session SET lp_enforced = NULL WHERE id = %s", [self.session.id])
        self.session.invalidate_recordset(["lp_enforced"])
        path = Path(__file__).parent.parent / "migrations" / "18.0.1.1.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pos_session_guard_post_migrate_1_1", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertTrue(self.config.lp_enforced)
        self.assertFalse(other.lp_enforced, "no gate applied there: it starts observing")
        self.session.write({"cash_register_balance_end_real": 70})
        self.assertBlocked(self.session.action_pos_session_validate)
