from odoo import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.addons.pos_stock_pro.tests.common import StockPushTourMixin

from .common import make_kit

APPROVER_PIN = "4321"


@tagged("post_install", "-at_install")
class TestKitUi(StockPushTourMixin, TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        config = cls.main_pos_config
        config.write({"pos_stock_tier_high": 10, "pos_stock_tier_low": 5, "pos_stock_tier_floor": 0,
                      "pos_stock_poll_interval": 1})
        location = config.pos_stock_location_id
        env = cls.env
        unit, kg = env.ref("uom.product_uom_unit"), env.ref("uom.product_uom_kgm")
        gram = env.ref("uom.product_uom_gram")
        Product = env["product.product"]
        cls.pot = Product.create({"name": "Terracotta Pot", "is_storable": True, "available_in_pos": True,
                                  "list_price": 8.0, "taxes_id": False})
        cls.soil = Product.create({"name": "Potting Soil", "is_storable": True, "available_in_pos": False,
                                   "uom_id": kg.id, "uom_po_id": kg.id, "list_price": 4.0})
        cls.planter = Product.create({"name": "Planter Kit", "type": "consu", "is_storable": False,
                                      "available_in_pos": True, "list_price": 20.0, "taxes_id": False})
        make_kit(env, cls.planter, [(cls.pot, 1, unit), (cls.soil, 300, gram)])
        Quant = env["stock.quant"]
        Quant._update_available_quantity(cls.pot, location, 5.0)
        Quant._update_available_quantity(cls.soil, location, 1.2)
        cls.pos_admin.groups_id = [Command.link(env.ref("stock.group_stock_manager").id)]
        cls.approver = env["hr.employee"].create({
            "name": "Stock Boss", "user_id": cls.pos_admin.id, "company_id": config.company_id.id,
            "pos_approval_pin": APPROVER_PIN,
        })

    def test_kit_badge_routine_sale_and_gate_on_a_short_component(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProKitTour", login="pos_user")
        orders = self.env["pos.order"].search(
            [("session_id", "=", self.main_pos_config.current_session_id.id)], order="id")
        self.assertEqual(len(orders), 2)
        self.assertEqual(orders.mapped("state"), ["paid", "paid"])
        self.assertFalse(any(orders.mapped("pos_stock_flagged")), "the second sale was approved")
        Log = self.env["pos.stock.override.log"]
        self.assertFalse(Log.search([("order_uuid", "=", orders[0].uuid)]), "the kit in stock met no gate")
        blocked = Log.search([("order_uuid", "=", orders[1].uuid), ("outcome", "=", "blocked")])
        self.assertEqual(blocked.product_id, self.soil, "4 kits need 1.2 kg, 0.9 kg left after the first sale")
        self.assertEqual(blocked.kit_product_ids, self.planter)
        self.assertAlmostEqual(blocked.qty_requested, 1.2)
        self.assertAlmostEqual(blocked.qty_available, 0.9)
        approved = Log.search([("order_uuid", "=", orders[1].uuid), ("outcome", "=", "approved")])
        self.assertTrue(approved.token_consumed)
