"""Two tills selling the last unit at the same moment: exactly one passes the gate.

Runs on real, committed transactions (two cursors, one per till), because the guarantee comes from
PostgreSQL: the gate row-locks the quants and bumps a counter row, so the second transaction fails to
serialise and is retried by Odoo with a fresh snapshot, which then sees the first till's hold.
"""

import threading
import time
import uuid

from psycopg2.errors import SerializationFailure

from odoo import api
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
