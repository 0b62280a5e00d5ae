"""Two tills selling the last unit at the same moment: exactly one passes the gate.

Runs on real, committed transactions (two cursors, one per till), because the guarantee comes from
PostgreSQL: the gate row-locks the quants and bumps a counter row, so the second transaction fails to
serialise and is retried by Odoo with a fresh snapshot, which then sees the first till's hold.
"""

import threading
import time
import uuid

from psycopg2.errors import SerializationFailure

from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name


@tagged("post_install", "-at_install")
class TestLastUnitRace(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cls.config_id = env["pos.config"].search([("picking_type_id.default_location_src_id", "!=", False)],
                                                     limit=1).id
            config = env["pos.config"].browse(cls.config_id)
            product = env["product.product"].create({
                "name": f"Last Unit {cls.tag}", "is_storable": True, "available_in_pos": True})
            env["stock.quant"]._update_available_quantity(product, config.pos_stock_location_id, 1.0)
            cls.product_id = product.id

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            cr.execute("DELETE FROM pos_stock_hold WHERE product_id = %s", [cls.product_id])
            cr.execute("DELETE FROM pos_stock_change WHERE product_id = %s", [cls.product_id])
            cr.execute("DELETE FROM pos_stock_gate_counter WHERE product_id = %s", [cls.product_id])
            cr.execute("DELETE FROM stock_quant WHERE product_id = %s", [cls.product_id])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["product.product"].browse(cls.product_id).product_tmpl_id.active = False
        super().tearDownClass()

    def _gate(self, env, order_uuid):
        """What pos_stock_check_gate does for one line, on the given transaction."""
        config = env["pos.config"].browse(self.config_id)
        Gate = env["pos.stock.gate"]
        requested = {self.product_id: 1.0}
        shortfalls = Gate._evaluate(config, requested, order_uuid=order_uuid, lock=True)
        if not shortfalls:
            env["pos.stock.hold"]._pos_stock_replace(config, order_uuid, requested)
        return not shortfalls

    def test_exactly_one_till_gets_the_last_unit(self):
        results = {}
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            # Both transactions take their snapshot before either commits, as two simultaneous RPCs would.
            cr_a.execute("SELECT 1")
            cr_b.execute("SELECT 1")
            # Environments are built here: the test runner holds the registry lock a thread would wait for.
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            results["a"] = self._gate(env_a, f"till-a-{self.tag}")

            def till_b():
                try:
                    results["b"] = self._gate(env_b, f"till-b-{self.tag}")
                except SerializationFailure:
                    results["b"] = "retry"
                    cr_b.rollback()

            thread = threading.Thread(target=till_b)
            thread.start()
            time.sleep(1.0)
            self.assertTrue(thread.is_alive(), "till B waits for till A's lock")
            cr_a.commit()
            thread.join(30)
            self.assertTrue(results["a"])
            self.assertEqual(results["b"], "retry", "till B cannot decide on a stale snapshot")
        finally:
            cr_a.close()
            cr_b.close()
        # Odoo's retrying() replays till B's request on a fresh transaction: now it sees the hold.
        with self.registry.cursor() as cr_retry:
            env_retry = api.Environment(cr_retry, api.SUPERUSER_ID, {})
            self.assertFalse(self._gate(env_retry, f"till-b-{self.tag}"), "the last unit went to till A only")


@tagged("post_install", "-at_install")
class TestSyncRace(BaseCase):
    """Two tills sync, at the same moment, sales that together take more than the shop has.

    Neither is near the gate margin on its own, so neither till asked the gate at Pay: only the sync can
    see the oversell. The loser must be judged on what the winner sold and leave a ledger row.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            # Any session of a real-time shop: the sync judge reads its config and stock mode only.
            session = env["pos.session"].search([
                ("update_stock_at_closing", "=", False),
                ("config_id.picking_type_id.default_location_src_id", "!=", False)], limit=1)
            cls.session_id = session.id
            config = session.config_id
            # The race is judged by an enforced shop (a session opened before install only observes).
            cls.enforced_before = (session.lp_enforced, config.lp_enforced)
            cls.config_id = config.id
            cr.execute("UPDATE pos_session SET lp_enforced = true WHERE id = %s", [session.id])
            cr.execute("UPDATE pos_config SET lp_enforced = true WHERE id = %s", [config.id])
            product = env["product.product"].create({
                "name": f"Race Unit {cls.tag}", "is_storable": True, "available_in_pos": True, "lst_price": 9.0})
            env["stock.quant"]._update_available_quantity(product, config.pos_stock_location_id, 10.0)
            cls.product_id = product.id
            cls.location_id = config.pos_stock_location_id.id

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            session_was, config_was = cls.enforced_before
            cr.execute("UPDATE pos_session SET lp_enforced = %s WHERE id = %s", [session_was, cls.session_id])
            cr.execute("UPDATE pos_config SET lp_enforced = %s WHERE id = %s", [config_was, cls.config_id])
            cr.execute("DELETE FROM pos_stock_hold WHERE product_id = %s", [cls.product_id])
            cr.execute("DELETE FROM pos_stock_change WHERE product_id = %s", [cls.product_id])
            cr.execute("DELETE FROM pos_stock_gate_counter WHERE product_id = %s", [cls.product_id])
            cr.execute("DELETE FROM stock_quant WHERE product_id = %s", [cls.product_id])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["product.product"].browse(cls.product_id).product_tmpl_id.active = False
        super().tearDownClass()

    def _order(self, name, qty):
        return {"session_id": self.session_id, "uuid": f"{name}-{self.tag}",
                "lines": [Command.create({"product_id": self.product_id, "qty": qty})]}

    def test_loser_of_a_sync_race_is_ledgered(self):
        self.assertTrue(self.session_id, "the demo data has a session of a real-time shop")
        results = {}
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            cr_a.execute("SELECT 1")
            cr_b.execute("SELECT 1")
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            # Till A: 7 of 10, far from the margin (2): judged fine, then its picking takes the units.
            self.assertIsNone(env_a["pos.order"]._pos_stock_judge(self._order("race-a", 7), False, None))
            product = env_a["product.product"].browse(self.product_id)
            env_a["stock.quant"]._update_available_quantity(
                product, env_a["stock.location"].browse(self.location_id), -7.0)
            env_a.flush_all()

            def till_b():
                try:
                    results["b"] = env_b["pos.order"]._pos_stock_judge(self._order("race-b", 7), False, None)
                except SerializationFailure:
                    results["b"] = "retry"
                    cr_b.rollback()

            thread = threading.Thread(target=till_b)
            thread.start()
            time.sleep(1.0)
            cr_a.commit()
            thread.join(30)
            self.assertEqual(results.get("b"), "retry",
                             "till B may not be judged on a snapshot that misses till A's sale")
        finally:
            cr_a.close()
            cr_b.close()
        # Odoo's retrying() replays till B's sync on a fresh transaction: short, and on record.
        with self.registry.cursor() as cr_retry:
            env = api.Environment(cr_retry, api.SUPERUSER_ID, {})
            verdict = env["pos.order"]._pos_stock_judge(self._order("race-b", 7), False, None)
            self.assertEqual(verdict["outcome"], "bypass")
            [line] = verdict["shortfalls"]
            self.assertEqual((line["requested"], line["available"], line["shortfall"]), (7.0, 3.0, 4.0))
            order = env["pos.order"].search([("session_id", "=", self.session_id)], limit=1)
            env["pos.order"]._pos_stock_record_verdict(order, verdict)
            row = env["pos.stock.override.log"].search(
                [("order_id", "=", order.id), ("product_id", "=", self.product_id)])
            self.assertEqual((row.outcome, row.qty_short), ("bypass", 4.0))
            cr_retry.rollback()
