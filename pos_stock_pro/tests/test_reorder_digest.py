from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestReorderDigest(StockProCommon):
    def test_digest_lists_low_products_by_value_at_stake(self):
        warehouse = self.config.picking_type_id.warehouse_id
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        for product in (self.plenty, self.scarce):
            Orderpoint.create({
                "product_id": product.id, "warehouse_id": warehouse.id, "location_id": self.location.id,
                "product_min_qty": 60 if product == self.plenty else 5, "product_max_qty": 100,
            })
        session = self.open_till()
        session.pos_stock_check_gate("d-1", [self.line(self.scarce, 3)])
        session.pos_stock_check_gate("d-1", [self.line(self.scarce, 3)])  # same attempt twice: counted once
        rows = self.company._pos_stock_digest_rows()
        self.assertEqual([row["product"] for row in rows], [self.scarce.display_name, self.plenty.display_name])
        self.assertEqual(rows[0]["short_qty"], 2.0)
        self.assertEqual(rows[0]["value"], 50.0)

        buyer = self.env["res.users"].create({"name": "Buyer", "login": "stk_buyer", "email": "buyer@example.com"})
        self.company.pos_stock_digest_user_ids = [(6, 0, buyer.ids)]
        self.env["res.company"]._cron_pos_stock_reorder_digest()
        mail = self.env["mail.mail"].search([("email_to", "=", "buyer@example.com")], limit=1)
        self.assertTrue(mail)
        self.assertIn("Scarce Widget", mail.body_html)
        self.assertIn("Shortfall last 7 days", mail.body_html)
