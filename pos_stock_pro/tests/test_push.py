import json

from odoo import Command
from odoo.tests import tagged

from odoo.addons.pos_stock_pro.models.stock_quant import DIRTY_KEY, PUSH_KEY

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockPush(StockProCommon):
    def setUp(self):
        super().setUp()
        self.session = self.open_till()
        # Start from a clean slate: what setUp did is not under test.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self._forget_keys()

    def _forget_keys(self):
        self.env.cr.precommit.data.pop(DIRTY_KEY, None)
        self.env.cr.postcommit.data.pop(PUSH_KEY, None)

    def _pending_keys(self):
        """Keys collected so far in this transaction (before or after a flush ran the precommit hook)."""
        return set(self.env.cr.precommit.data.get(DIRTY_KEY, set())) | set(
            self.env.cr.postcommit.data.get(PUSH_KEY, set()))

    def _bus_messages(self):
        self.env.cr.precommit.run()  # bus rows and change keys are written at commit time
        notifications = self.env["bus.bus"].sudo().search([("channel", "like", self.config.access_token)])
        return [json.loads(n.message) for n in notifications
                if json.loads(n.message)["type"] == f"{self.config.access_token}-POS_STOCK_PRO"]

    def test_thousand_quant_writes_make_one_message(self):
        Quant = self.env["stock.quant"]
        for _i in range(1000):
            Quant._update_available_quantity(self.plenty, self.location, -0.01)
        keys = self._pending_keys()
        self.assertEqual(keys, {(self.plenty.id, self.location.id)}, "only keys are collected, once")
        sent = self.env["pos.config"]._pos_stock_push(keys)
        self.assertEqual(sent, 1, "one message per open config")
        messages = self._bus_messages()
        self.assertEqual(len(messages), 1)
        payload = messages[0]["payload"]
        self.assertAlmostEqual(payload["qty"][str(self.plenty.id)], 40.0, places=4)
        self.assertTrue(payload["ts"])

    def test_every_write_path_is_caught(self):
        Quant = self.env["stock.quant"]
        # Inventory adjustment (inventory mode, applied through stock moves)
        Quant.with_context(inventory_mode=True).create({
            "product_id": self.scarce.id, "location_id": self.shelf.id, "inventory_quantity": 5,
        }).action_apply_inventory()
        self.assertIn((self.scarce.id, self.shelf.id), self._pending_keys())
        # Direct write
        self._forget_keys()
        quant = Quant.search([("product_id", "=", self.plenty.id), ("location_id", "=", self.shelf.id)])
        quant.sudo().write({"quantity": 12})
        self.assertEqual(self._pending_keys(), {(self.plenty.id, self.shelf.id)})
        # Unlink
        self._forget_keys()
        quant.sudo().unlink()
        self.assertEqual(self._pending_keys(), {(self.plenty.id, self.shelf.id)})
        # A field that does not change stock collects nothing
        self._forget_keys()
        Quant.search([("product_id", "=", self.scarce.id), ("location_id", "=", self.location.id)]).sudo().write(
            {"inventory_quantity": 3})
        self.assertFalse(self._pending_keys())

    def test_pos_sale_is_pushed_with_the_new_value(self):
        self.env["pos.order"].with_user(self.till_user).sync_from_ui([self.ui_order([(self.plenty, 3)])])
        keys = self._pending_keys()
        self.assertIn((self.plenty.id, self.location.id), keys)
        self.env["pos.config"]._pos_stock_push(keys)
        payload = self._bus_messages()[-1]["payload"]
        self.assertEqual(payload["qty"][str(self.plenty.id)], 47.0)

    def test_other_location_changes_reach_no_till(self):
        other_wh = self.env["stock.warehouse"].create({"name": "Far Away", "code": "FAR"})
        self.env["stock.quant"]._update_available_quantity(self.plenty, other_wh.lot_stock_id, 5)
        self.assertEqual(self.env["pos.config"]._pos_stock_push(self._pending_keys()), 0)

    def test_channel_is_private_to_the_config(self):
        self.env["stock.quant"]._update_available_quantity(self.plenty, self.location, -1)
        self.env["pos.config"]._pos_stock_push(self._pending_keys())
        self.env.cr.precommit.run()
        rows = self.env["bus.bus"].sudo().search([("message", "like", "POS_STOCK_PRO")])
        self.assertTrue(rows.filtered(lambda row: self.config.access_token in row.channel))
        tokens = {config.access_token for config in self.env["pos.config"].sudo().search([]) if config.access_token}
        for row in rows:
            channel = json.loads(row.channel)[1]
            self.assertIn(channel, tokens, "only a config's secret access token is used as channel")

    def test_polling_returns_only_what_changed(self):
        self.env.cr.execute("UPDATE pos_stock_change SET changed_at = changed_at - interval '1 hour'")
        first = self.config.with_user(self.till_user).pos_stock_poll(0, [self.plenty.id, self.scarce.id])
        self.assertEqual(set(first["qty"]), {str(self.plenty.id), str(self.scarce.id)})
        self.env["stock.quant"]._update_available_quantity(self.scarce, self.location, 2)
        self.env.cr.precommit.run()  # writes the change keys, as the commit would
        second = self.config.with_user(self.till_user).pos_stock_poll(first["ts"])
        self.assertEqual(second["qty"], {str(self.scarce.id): 3.0})
        self.assertGreaterEqual(second["ts"], first["ts"])

    def test_polling_mode_configs_get_no_push(self):
        self.config.pos_stock_refresh_mode = "polling"
        self.env["stock.quant"]._update_available_quantity(self.plenty, self.location, -1)
        self.assertEqual(self.env["pos.config"]._pos_stock_push(self._pending_keys()), 0)

    def test_fan_out_reads_once_per_group_of_identical_tills(self):
        """A chain's tills on one warehouse: one message each, the payload read once (queries do not grow)."""
        self.env["stock.quant"]._update_available_quantity(self.plenty, self.location, -1)
        keys = self._pending_keys()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(self.env["pos.config"]._pos_stock_push(keys), 1)
        one_till = self.env.cr.sql_log_count - before
        card = self.config.payment_method_ids.filtered(lambda m: not m.is_cash_count)[:1]
        others = self.env["pos.config"]
        for number in range(3):
            other = self.config.copy({"name": f"Till {number + 2}", "payment_method_ids": [Command.set(card.ids)]})
            other.open_ui()
            others |= other
        for other in others:
            other._ensure_access_token()
        self.env.flush_all()
        self.env.invalidate_all()
        self.env["stock.quant"]._update_available_quantity(self.plenty, self.location, -1)
        keys = self._pending_keys()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(self.env["pos.config"]._pos_stock_push(keys), 4, "one message per open till")
        four_tills = self.env.cr.sql_log_count - before
        # Reading the four configs' fields may cost a query or two more than one config's; the payload does not.
        self.assertLessEqual(four_tills, one_till + 2, f"queries for 4 tills {four_tills}, for 1 till {one_till}")
        self.env.cr.precommit.run()
        for config in self.config | others:
            rows = self.env["bus.bus"].sudo().search([("channel", "like", config.access_token),
                                                      ("message", "like", "POS_STOCK_PRO")])
            payloads = [json.loads(row.message)["payload"] for row in rows]
            self.assertTrue(payloads, f"{config.name} got its message")
            self.assertEqual(payloads[-1]["qty"][str(self.plenty.id)], 48.0)  # 40 + 10 on the shelf, 2 sold
