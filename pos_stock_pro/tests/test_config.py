from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockConfig(StockProCommon):
    def test_defaults(self):
        self.assertEqual(self.config.pos_stock_basis, "on_hand")
        self.assertEqual(self.config.pos_stock_refresh_mode, "realtime_polling")
        self.assertEqual(self.config.pos_stock_poll_interval, 5)
        self.assertFalse(self.config.pos_stock_allow_negative)
        self.assertEqual(self.config.pos_stock_location_id, self.config.picking_type_id.default_location_src_id)

    def test_cashier_cannot_switch_the_gate_off_by_rpc(self):
        """point_of_sale lets POS users write pos.config: our stock rules must not follow."""
        with self.assertRaises(AccessError):
            self.config.with_user(self.till_user).write({"pos_stock_allow_negative": True})
        with self.assertRaises(AccessError):
            self.config.with_user(self.till_user).write({"pos_stock_enforce_categ_ids": [Command.clear()]})
        self.assertFalse(self.config.pos_stock_allow_negative)
        # Other fields stay writable by the till, as in core.
        self.config.with_user(self.till_user).write({"iface_big_scrollbars": True})

    def test_manager_can_configure(self):
        self.config.with_user(self.manager_user).write({"pos_stock_allow_negative": True, "pos_stock_tier_high": 20})
        self.assertTrue(self.config.pos_stock_allow_negative)

    def test_settings_write_through(self):
        settings = self.env["res.config.settings"].create({
            "pos_config_id": self.config.id, "pos_pos_stock_tier_low": 3.0, "pos_pos_stock_basis": "free",
        })
        settings.execute()
        self.assertEqual(self.config.pos_stock_tier_low, 3.0)
        self.assertEqual(self.config.pos_stock_basis, "free")

    def test_bypass_flag_and_gate_scope(self):
        gated = self.config._pos_stock_gated_products(self.plenty | self.scarce | self.service)
        self.assertEqual(gated, self.plenty | self.scarce)
        self.scarce.product_tmpl_id.pos_stock_gate_bypass = True
        self.assertEqual(self.config._pos_stock_gated_products(self.plenty | self.scarce), self.plenty)
        self.scarce.product_tmpl_id.pos_stock_gate_bypass = False
        self.config.pos_stock_enforce_categ_ids = [Command.set(self.pos_categ.ids)]
        self.assertEqual(self.config._pos_stock_gated_products(self.plenty | self.scarce), self.scarce)
