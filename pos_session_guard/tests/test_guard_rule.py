from odoo import Command
from odoo.tests import tagged

from .common import GuardCommon


@tagged("post_install", "-at_install")
class TestGuardRule(GuardCommon):
    def test_active_on_install_with_manager_override_group(self):
        config = self.config.sudo()
        self.assertTrue(config.guard_enabled)
        self.assertEqual(config.guard_tolerance_amount, 0.0)
        self.assertIn(self.env.ref("point_of_sale.group_pos_manager"), config.guard_override_group_ids)

    def test_exact_count_closes_without_log(self):
        self.session.post_closing_cash_details(100)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        self.assertFalse(self.logs())

    def test_difference_beyond_tolerance_is_blocked_logged_and_posted(self):
        error = self.assertBlocked(self.session.post_closing_cash_details, 60)
        self.assertIn("-", str(error))
        log = self.logs("blocked")
        self.assertEqual(len(log), 1)
        self.assertEqual((log.expected, log.counted, log.difference), (100, 60, -40))
        self.assertEqual(log.user_id, self.till_user)
        self.assertIn("Closing with a cash difference", self.session.message_ids[0].body)
        self.assertEqual(self.session.state, "opened", "a blocked till keeps selling")
        self.assertNotEqual(self.session.cash_register_balance_end_real, 60)

    def test_absolute_tolerance(self):
        self.config.sudo().guard_tolerance_amount = 5
        self.session.post_closing_cash_details(96)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        log = self.logs()
        self.assertEqual(log.outcome, "within_tolerance")
        self.assertEqual(log.difference, -4)

    def test_percent_tolerance_and_larger_of_both(self):
        self.config.sudo().write({"guard_tolerance_percent": 2, "guard_tolerance_amount": 1})
        self.assertBlocked(self.session.post_closing_cash_details, 97.5)
        self.session.post_closing_cash_details(98.5)  # 2 % of 100 = 2 > 1
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")

    def test_rounding_to_currency_precision(self):
        self.session.post_closing_cash_details(100.001)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        self.assertFalse(self.logs(), "0.001 is no difference for a 2-decimal currency")

    def test_disabled_guard(self):
        self.config.sudo().guard_enabled = False
        self.session.post_closing_cash_details(50)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        self.assertFalse(self.logs())

    def test_log_rows_are_evidence(self):
        from odoo.exceptions import UserError
        self.assertBlocked(self.session.post_closing_cash_details, 10)
        log = self.logs().sudo()
        with self.assertRaises(UserError):
            log.write({"counted": 100})
        with self.assertRaises(UserError):
            log.unlink()
        _checked, broken, _reason = self.Log._evidence_verify_chain(self.company)
        self.assertFalse(broken)
        self.env.cr.execute("UPDATE pos_session_guard_log SET counted = 100 WHERE id = %s", [log.id])
        _checked, broken, _reason = self.Log._evidence_verify_chain(self.company)
        self.assertEqual(broken, log)


@tagged("post_install", "-at_install")
class TestGuardCurrencyAndCompany(GuardCommon):
    def test_other_currency_precision(self):
        """The other-currency shop rounds to 0.001: 0.0004 is nothing, 0.002 is a difference."""
        self.config = self.other_currency_config
        journal = self.config.payment_method_ids.filtered(lambda pm: pm.type == "cash")[:1].journal_id
        account = self.company_data["default_account_revenue"]
        journal.write({"loss_account_id": account.id, "profit_account_id": account.id})
        session = self.open_till(opening_cash=10)
        self.assertEqual(session.currency_id.rounding, 0.001)
        self.assertFalse(session._guard_evaluate(10.0004)["over_tolerance"])
        evaluation = session._guard_evaluate(10.002)
        self.assertTrue(evaluation["over_tolerance"])
        self.assertEqual(evaluation["difference"], 0.002)

    def test_other_company_cannot_read_the_log(self):
        self.assertBlocked(self.session.post_closing_cash_details, 10)
        other_company = self.env["res.company"].create({"name": "Other Shop Ltd"})
        outsider = self.env["res.users"].create({
            "name": "Other Manager", "login": "lp_other_manager",
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_manager").id])],
            "company_id": other_company.id, "company_ids": [Command.set([other_company.id])],
        })
        self.assertFalse(self.env["pos.session.guard.log"].with_user(outsider).search([]))
        self.assertTrue(self.env["pos.session.guard.log"].with_user(self.manager_user).search([]))


@tagged("post_install", "-at_install")
class TestGuardInstall(GuardCommon):
    def test_post_init_hook_guards_existing_shops(self):
        from ..hooks import post_init_hook
        config = self.config.sudo()
        config.guard_override_group_ids = False
        post_init_hook(self.env)
        self.assertEqual(config.guard_override_group_ids, self.env.ref("point_of_sale.group_pos_manager"))
        self.assertTrue(config.guard_enabled)
