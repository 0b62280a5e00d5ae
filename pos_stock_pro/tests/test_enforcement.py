"""Installed into a running shop, the stock gate starts record-only: an oversell is ledgered
("Gate Disabled"), nothing is refused or flagged, until the owner switches enforcement on."""

import importlib.util
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockGateObserving(StockProCommon):
    def setUp(self):
        super().setUp()
        self.config.lp_enforced = False  # before the session opens: as installed into a running shop
        self.session = self.open_till()

    def test_gate_rpc_lets_the_sale_through(self):
        result = self.check_gate(self.session, "obs-1", self.line(self.scarce, 3))
        self.assertTrue(result["ok"])
        self.assertEqual(result.get("gate"), "disabled")
        self.assertFalse(self.ledger(order_uuid="obs-1"), "no 'blocked' row: nothing was blocked")

    def test_oversell_at_sync_is_ledgered_not_flagged(self):
        result = self.env["pos.order"].with_user(self.till_user).sync_from_ui(
            [self.ui_order([(self.scarce, 3)], uuid="obs-2")])
        order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.assertFalse(order.pos_stock_flagged)
        row = self.ledger(order_id=order.id)
        self.assertEqual(row.outcome, "gate_disabled")
        self.assertEqual(row.qty_short, 2.0)


@tagged("post_install", "-at_install")
class TestStockChecklist(StockProCommon):
    def items(self):
        return [item for item in self.config._lp_enforcement_checklist() if item["addon"] == "pos_stock_pro"]

    def test_never_counted_products_are_named(self):
        self.config.lp_enforced = False
        never = self.env["product.product"].create({
            "name": "Never Counted", "is_storable": True, "available_in_pos": True, "type": "consu"})
        label = self.items()[0]["label"]
        self.assertIn("has never been counted", label)
        before = int(label.split()[3])
        self.env["stock.quant"].with_context(inventory_mode=True).create({
            "product_id": never.id, "location_id": self.location.id, "inventory_quantity": 4,
        }).action_apply_inventory()
        self.assertEqual(int(self.items()[0]["label"].split()[3]), before - 1, "counted once: off the list")

    def test_enforcement_refused_while_nobody_can_approve_an_oversell(self):
        self.config.lp_enforced = False
        gate = [item for item in self.items() if item["blocking"]][0]
        self.assertTrue(gate["ok"], gate)
        self.env["hr.employee"].sudo().search([]).write({"pos_approval_pin_hash": False})
        gate = [item for item in self.items() if item["blocking"]][0]
        self.assertIn("nobody with an approval PIN can approve a sale beyond stock", gate["label"])
        with self.assertRaisesRegex(UserError, "approve a sale beyond stock"):
            self.config.with_user(self.manager_user).action_lp_enforce()
        self.config.sudo().pos_stock_allow_negative = True  # no gate, nothing to approve
        self.assertFalse([item for item in self.items() if item["blocking"]])


@tagged("post_install", "-at_install")
class TestStockMigration(StockProCommon):
    def test_shops_whose_gate_refused_keep_enforcing(self):
        """18.0.1.1.0: the gate refused oversells where negative stock was not allowed; those keep it."""
        other = self.env["pos.config"].create({"name": "Negative allowed", "pos_stock_allow_negative": True})
        (self.config | other).sudo().lp_enforced = False
        path = Path(__file__).parent.parent / "migrations" / "18.0.1.1.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("pos_stock_pro_post_migrate_1_1", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertTrue(self.config.lp_enforced)
        self.assertFalse(other.lp_enforced)
        session = self.open_till()
        self.assertFalse(self.check_gate(session, "mig-1", self.line(self.scarce, 3))["ok"], "the gate holds")
