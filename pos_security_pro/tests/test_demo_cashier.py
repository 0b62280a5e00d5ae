"""The demo's cashier can do what a shop's cashier does: sell a lot-tracked product (issue 9, item 5).

Core Odoo's picking of a lot-tracked sale reads stock.lot as the POS user, so a till user needs
Inventory / User (pos_stock_pro's test_lot_sale shows core refuses it otherwise). The demo cashier
(login cashier) is given it; this test syncs a lot sale with exactly the demo cashier's groups.
"""

from odoo import Command
from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestDemoCashierSellsLots(SecurityCommon):
    def test_demo_cashier_groups_sell_a_lot_tracked_product(self):
        demo_cashier = self.env.ref("pos_security_pro.demo_user_cashier")
        self.assertTrue(demo_cashier.has_group("stock.group_stock_user"))
        self.till_user.groups_id = [Command.set(demo_cashier.groups_id.ids)]
        drawer = self.create_product("Lot Drawer", self.categ_basic, 40.0)
        drawer.tracking = "lot"
        lot = self.env["stock.lot"].create({"name": "DEMO-LOT-1", "product_id": drawer.id})
        location = self.config.picking_type_id.default_location_src_id
        self.env["stock.quant"]._update_available_quantity(drawer, location, 3.0, lot_id=lot)
        data = self.order_data([(drawer, 1)], uuid="demo-lot-sale")
        data["lines"][0][2]["pack_lot_ids"] = [Command.create({"lot_name": lot.name})]
        result = self.env["pos.order"].with_user(self.till_user).sync_from_ui([data])
        order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(order.picking_ids.move_line_ids.lot_id, lot)
