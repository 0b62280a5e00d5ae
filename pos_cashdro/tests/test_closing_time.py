"""Closing time with and without a CashDro (issue 11 figure), on demand only.

``LP_TEST_TAGS=lp_cashdro_bench lp-run --exclusive bin/suite-test pos_cashdro pos_session_guard``:
interleaved pairs of sessions on one register, one with its CashDro method and one without (the
method removed from the register), each with the same two cash orders; the server time of the
closing RPCs the popup calls (get_closing_control_data, guard_evaluate when the guard is
installed, post_closing_cash_details, close_session_from_ui), in process. The ratio is logged.
Tagged out of the standard run: a figure, not a check.
"""

import logging
import statistics
import time

from odoo.tests import tagged

from .test_closing_reconciliation import ReconciliationCommon

_logger = logging.getLogger(__name__)
PAIRS = 8


@tagged("post_install", "-at_install", "-standard", "lp_cashdro_bench")
class TestCashdroClosingTime(ReconciliationCommon):
    def setUp(self):
        super().setUp()
        self.session.sudo().write({"state": "closed"})  # the common set-up's session: not measured

    def close_once(self, with_cashdro):
        methods = (lambda pm: True) if with_cashdro else (lambda pm: pm != self.cashdro_pm)
        self.config.payment_method_ids = self.config.payment_method_ids.filtered(methods) | (
            self.cashdro_pm if with_cashdro else self.cashdro_pm.browse())
        self.env.invalidate_all()
        session = self.open_till(opening_cash=100)
        for _i in range(2):
            data = self.create_ui_order_data([(self.product, 1)], payments=[(self.cash_pm1, 40.0)])
            self.env["pos.order"].with_user(self.till_user).sync_from_ui([data])
        self.env.invalidate_all()
        start = time.perf_counter()
        data = session.get_closing_control_data()
        counted = data["default_cash_details"]["amount"]
        if "pos.session.guard.log" in self.env:
            evaluation = session.guard_evaluate(counted, [], [])
            self.assertFalse(evaluation["blocked"], evaluation)
        session.post_closing_cash_details(counted)
        result = session.close_session_from_ui()
        elapsed = time.perf_counter() - start
        self.assertTrue(result["successful"], result)
        self.assertEqual(session.state, "closed")
        return elapsed

    def test_closing_time_with_and_without_a_cashdro(self):
        timings = {True: [], False: []}
        self.close_once(True)  # warm-up (caches, first machine connection), not measured
        self.close_once(False)
        for pair in range(PAIRS):
            order = (True, False) if pair % 2 == 0 else (False, True)
            for with_cashdro in order:
                timings[with_cashdro].append(self.close_once(with_cashdro))
        with_med, without_med = statistics.median(timings[True]), statistics.median(timings[False])
        _logger.info(
            "CashDro closing time: with %.1f ms, without %.1f ms (medians of %s interleaved pairs), ratio %.2f; "
            "with %s, without %s, guard installed: %s", with_med * 1000, without_med * 1000, PAIRS,
            with_med / without_med, [round(t * 1000, 1) for t in timings[True]],
            [round(t * 1000, 1) for t in timings[False]], "pos.session.guard.log" in self.env)
