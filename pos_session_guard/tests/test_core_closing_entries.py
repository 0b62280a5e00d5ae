"""Odoo's own closing entries stay as core books them with the guard installed.

Core's ``cash_register_difference`` is a non-stored compute whose dependencies omit the counted
cash (``cash_register_balance_end_real``). Anything that reads it, or ``cash_register_balance_end``,
in the closing transaction before the count is written caches "counted 0": core then books that
stale difference as an extra cash statement line at validation (the whole expected cash as a loss).
The guard once computed its expected cash from ``cash_register_balance_end`` in
``post_closing_cash_details``, before core wrote the count: every accounting test of point_of_sale
(``_check_session_journal_entries``) then met that extra line. The guard now drops the stale value.
"""

from odoo.tests import tagged

from .common import GuardCommon
from .test_enforcement import ObservingGuardCommon


class CoreClosingEntriesCommon:
    """Odoo's loader runs only the test methods a class defines itself: each class below does."""

    def close_as_core_tests_do(self, counted_cash):
        """point_of_sale/tests/common.py ``_run_test``: count, then close, in one transaction."""
        cash = self.session.payment_method_ids.filtered("is_cash_count")[:1]
        product = self.create_product("Item 50", self.categ_basic, 50)
        self.env["pos.order"].sync_from_ui([self.create_ui_order_data([(product, 1)], payments=[(cash, 50)])])
        # What a closing popup, a report or another addon may read before the count is written.
        self.assertEqual(self.session.cash_register_balance_end, 150)
        self.session.post_closing_cash_details(counted_cash)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        return self.session.sudo().statement_line_ids.sorted("id")

    def check_exact_count_books_only_the_cash_payments(self):
        lines = self.close_as_core_tests_do(150)
        self.assertEqual(lines.mapped("amount"), [50.0], "no difference line when the count is exact")

    def check_a_difference_is_booked_once_with_its_own_amount(self):
        self.session.sudo().config_id.guard_tolerance_amount = 5
        lines = self.close_as_core_tests_do(147)
        self.assertEqual(sorted(lines.mapped("amount")), [-3.0, 50.0])


@tagged("post_install", "-at_install")
class TestCoreClosingEntriesEnforced(CoreClosingEntriesCommon, GuardCommon):
    def test_exact_count_books_only_the_cash_payments(self):
        self.check_exact_count_books_only_the_cash_payments()

    def test_a_difference_is_booked_once_with_its_own_amount(self):
        self.check_a_difference_is_booked_once_with_its_own_amount()


@tagged("post_install", "-at_install")
class TestCoreClosingEntriesObserving(CoreClosingEntriesCommon, ObservingGuardCommon):
    def test_exact_count_books_only_the_cash_payments(self):
        self.check_exact_count_books_only_the_cash_payments()

    def test_a_difference_is_booked_once_with_its_own_amount(self):
        self.check_a_difference_is_booked_once_with_its_own_amount()
