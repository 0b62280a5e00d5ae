from odoo import Command
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestReorderDigest(StockProCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.config.picking_type_id.warehouse_id
        cls.buyer = cls.env["res.users"].create({"name": "Buyer", "login": "stk_buyer", "email": "buyer@example.com"})

    def orderpoint(self, product, min_qty, max_qty=100, warehouse=None, **extra):
        warehouse = warehouse or self.warehouse
        return self.env["stock.warehouse.orderpoint"].create({
            "product_id": product.id, "warehouse_id": warehouse.id,
            "location_id": (self.location if warehouse == self.warehouse else warehouse.lot_stock_id).id,
            "product_min_qty": min_qty, "product_max_qty": max_qty, **extra,
        })

    def digest_mails(self, email):
        return self.env["mail.mail"].sudo().search([("email_to", "=", email)])

    def row(self, rows, product):
        return next(row for row in rows if row["product_id"] == product.id)

    def test_digest_lists_low_products_by_value_at_stake(self):
        plenty_op = self.orderpoint(self.plenty, 60, qty_multiple=7)
        scarce_op = self.orderpoint(self.scarce, 5)
        session = self.open_till()
        session.pos_stock_check_gate("d-1", [self.line(self.scarce, 3)])
        session.pos_stock_check_gate("d-1", [self.line(self.scarce, 3)])  # same attempt twice: counted once
        rows = self.company._pos_stock_digest_rows()
        self.assertEqual([row["product"] for row in rows], [self.scarce.display_name, self.plenty.display_name])
        self.assertEqual(rows[0]["short_qty"], 2.0)
        self.assertEqual(rows[0]["value"], 50.0)
        self.assertEqual(rows[1]["on_hand"], 50.0, "the orderpoint's location and its children")
        # The suggested quantity is Odoo's own "To Order" (here 100 - 50 = 50, down to the multiple of 7).
        self.assertEqual(rows[1]["suggested"], plenty_op.qty_to_order)
        self.assertEqual(rows[1]["suggested"], 49.0)
        self.assertEqual(rows[0]["suggested"], scarce_op.qty_to_order)

        self.company.pos_stock_digest_user_ids = [Command.set(self.buyer.ids)]
        self.assertEqual(self.env["res.company"]._cron_pos_stock_reorder_digest(), 1)
        mail = self.digest_mails("buyer@example.com")
        self.assertEqual(len(mail), 1)
        self.assertIn("Scarce Widget", mail.body_html)
        self.assertIn("Stock Shortfall", mail.body_html)
        self.assertIn("Suggested quantity", mail.body_html)
        self.assertIn(self.warehouse.name, mail.subject)

    def test_shortfall_without_orderpoint_breach_is_listed(self):
        self.orderpoint(self.scarce, 0, 10)  # 1 on hand: above its reorder point, not breached
        session = self.open_till()
        session.pos_stock_check_gate("d-2", [self.line(self.scarce, 4)])
        session.pos_stock_check_gate("d-3", [self.line(self.plenty, 60)])  # no orderpoint at all
        rows = self.company._pos_stock_digest_rows()
        self.assertEqual({row["product_id"] for row in rows}, {self.scarce.id, self.plenty.id})
        scarce, plenty = self.row(rows, self.scarce), self.row(rows, self.plenty)
        self.assertEqual((scarce["short_qty"], scarce["value"], scarce["min_qty"]), (3.0, 75.0, 0.0))
        self.assertEqual(scarce["suggested"], 0.0, "not under its minimum: nothing to order by the rule")
        self.assertEqual((plenty["short_qty"], plenty["value"]), (10.0, 100.0))
        self.assertIsNone(plenty["suggested"], "no reorder rule")
        self.assertEqual(plenty["on_hand"], 50.0, "at the warehouse's stock location")
        self.company.pos_stock_digest_user_ids = [Command.set(self.buyer.ids)]
        self.env["res.company"]._cron_pos_stock_reorder_digest()
        body = self.digest_mails("buyer@example.com").body_html
        self.assertIn("no reorder rule", body)
        self.assertIn("10.00 short", body)

    def test_two_warehouses_each_with_its_own_recipients(self):
        far = self.env["stock.warehouse"].create({"name": "Far Depot", "code": "FARD"})
        far_buyer = self.env["res.users"].create({"name": "Far Buyer", "login": "stk_far", "email": "far@example.com"})
        far.pos_stock_digest_user_ids = [Command.set(far_buyer.ids)]
        self.company.pos_stock_digest_user_ids = [Command.set(self.buyer.ids)]  # the fallback of the main warehouse
        self.orderpoint(self.scarce, 5)  # main warehouse: 1 on hand
        self.orderpoint(self.plenty, 5, warehouse=far)  # far: nothing on hand
        self.assertEqual(self.env["res.company"]._cron_pos_stock_reorder_digest(), 2)
        main_mail, far_mail = self.digest_mails("buyer@example.com"), self.digest_mails("far@example.com")
        self.assertEqual((len(main_mail), len(far_mail)), (1, 1))
        self.assertIn("Scarce Widget", main_mail.body_html)
        self.assertNotIn("Plenty Widget", main_mail.body_html)
        self.assertIn("Plenty Widget", far_mail.body_html)
        self.assertNotIn("Scarce Widget", far_mail.body_html)
        self.assertIn("Far Depot", far_mail.subject)

    def test_empty_period_sends_nothing(self):
        self.orderpoint(self.plenty, 5)  # 50 on hand: fine
        self.company.pos_stock_digest_user_ids = [Command.set(self.buyer.ids)]
        self.assertEqual(self.company._pos_stock_digest_rows(), [])
        self.assertEqual(self.env["res.company"]._cron_pos_stock_reorder_digest(), 0)
        self.assertFalse(self.digest_mails("buyer@example.com"))

    def test_digest_queries_do_not_grow_with_the_products(self):
        session = self.open_till()

        def add_products(count, tag):
            products = self.env["product.product"].create([
                {"name": f"Digest {tag} {i}", "is_storable": True, "available_in_pos": True, "lst_price": 3.0}
                for i in range(count)])
            for product in products:
                self.orderpoint(product, 5)
            # Half of them short at the till too (one ledger row each).
            self.env["pos.stock.override.log"]._pos_stock_log(session, "blocked", [
                {"product_id": p.id, "requested": 2, "available": 0, "shortfall": 2, "price": 3.0}
                for p in products[: count // 2]])
            self.env.flush_all()

        def count_queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            rows = self.company._pos_stock_digest_rows()
            return self.cr.sql_log_count - before, rows

        add_products(4, "few")
        count_queries()  # warm the caches
        few, rows_few = count_queries()
        add_products(40, "lots")
        lots, rows_lots = count_queries()
        self.assertEqual((len(rows_few), len(rows_lots)), (4, 44))
        self.assertEqual(few, lots, "grouped queries only: none per product")
