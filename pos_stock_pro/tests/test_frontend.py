import logging
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.addons.pos_stock_pro.models.pos_config import PosConfig
from odoo.addons.pos_stock_pro.models.pos_session import PosSession

from .common import StockPushTourMixin

APPROVER_PIN = "4321"


class _CoreReconnectNotice(logging.Filter):
    """Drop core's "Reconnecting to channel X" console warning (point_of_sale data_service.js).

    Core prints it when the bus's first "connect" event lands while the POS is still registering its
    channels: a race of the page load, not a fault, that fails the suite's zero-warning log check.
    """

    def filter(self, record):
        return "Reconnecting to channel" not in record.getMessage()


@tagged("post_install", "-at_install")
class TestStockProUi(StockPushTourMixin, TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        config = cls.main_pos_config
        config.write({"pos_stock_tier_high": 10, "pos_stock_tier_low": 5, "pos_stock_tier_floor": 0})
        location = config.pos_stock_location_id
        Product = cls.env["product.product"]
        cls.stock_products = {}
        for name, qty in (("Stock High", 50), ("Stock Medium", 8), ("Stock Low", 3), ("Stock Out", 0)):
            product = Product.create({
                "name": name, "is_storable": True, "available_in_pos": True, "list_price": 5.0, "taxes_id": False,
            })
            if qty:
                cls.env["stock.quant"]._update_available_quantity(product, location, qty)
            cls.stock_products[name] = product
        Product.create({"name": "Stock Service", "type": "service", "available_in_pos": True, "list_price": 1.0})
        cls.pos_admin.groups_id = [Command.link(cls.env.ref("stock.group_stock_manager").id)]
        cls.approver = cls.env["hr.employee"].create({
            "name": "Stock Boss", "user_id": cls.pos_admin.id, "company_id": config.company_id.id,
            "pos_approval_pin": APPROVER_PIN,
        })

    def _ledger(self, outcome):
        return self.env["pos.stock.override.log"].search([
            ("product_id", "=", self.stock_products["Stock Low"].id), ("outcome", "=", outcome)])

    def test_badge_colours_and_health_pill(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProBadgeTour", login="pos_user")

    def test_badge_follows_a_backend_inventory_adjustment(self):
        # Real-time only: no polling, the new value can only come through the bus. Odoo refuses websockets
        # during tests unless told otherwise (as bus's own tests do).
        self.main_pos_config.write({"pos_stock_refresh_mode": "realtime"})
        self.main_pos_config.with_user(self.pos_admin).open_ui()
        with patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True):
            self.start_pos_tour("PosStockProPushTour", login="pos_admin")

    def test_badge_follows_by_polling_only(self):
        self.main_pos_config.write({"pos_stock_refresh_mode": "polling", "pos_stock_poll_interval": 1})
        self.main_pos_config.with_user(self.pos_admin).open_ui()
        self.start_pos_tour("PosStockProPushTour", login="pos_admin")

    def test_blocked_sale_override_with_pin(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProOverrideTour", login="pos_user")
        order = self.env["pos.order"].search([("session_id", "=", self.main_pos_config.current_session_id.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.pos_stock_flagged, "the override token was consumed")
        blocked, failed, approved = self._ledger("blocked"), self._ledger("pin_failed"), self._ledger("approved")
        self.assertTrue(blocked)
        self.assertEqual((blocked[:1].qty_requested, blocked[:1].qty_available, blocked[:1].qty_short), (5.0, 3.0, 2.0))
        self.assertEqual(failed.approver_id, self.approver, "the wrong PIN is on record")
        self.assertEqual(approved.approver_id, self.approver)
        self.assertEqual(approved.reason, "Customer takes the display units")
        self.assertTrue(approved.token_consumed)
        self.assertEqual(approved.token_id.consumed_res_id, order.id)
        self.assertFalse(self.env["pos.stock.override.log"].search([("order_id", "=", order.id)]),
                         "no bypass row: the sale was approved")

    def test_tooltip_other_locations_and_transfer_request(self):
        back = self.env["stock.warehouse"].create({"name": "Back Store", "code": "BACK"})
        self.env["stock.quant"]._update_available_quantity(self.stock_products["Stock Low"], back.lot_stock_id, 7)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProTooltipTour", login="pos_user")
        picking = self.env["stock.picking"].search([("location_id", "=", back.lot_stock_id.id)])
        self.assertEqual(picking.state, "draft")
        self.assertEqual(picking.location_dest_id, self.main_pos_config.pos_stock_location_id)
        self.assertEqual(picking.move_ids.product_id, self.stock_products["Stock Low"])
        self.assertEqual(picking.move_ids.product_uom_qty, 7.0, "up to the High tier, within what is there")

    def test_routine_sale_costs_no_gate_round_trip(self):
        """Far from the limit, Pay goes straight to payment: the gate RPC (which would leave a hold) is not called."""
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProRoutineSaleTour", login="pos_user")
        order = self.env["pos.order"].search([("session_id", "=", self.main_pos_config.current_session_id.id)])
        self.assertEqual(order.state, "paid")
        self.assertFalse(self.env["pos.stock.hold"].search([("order_uuid", "=", order.uuid)]))
        self.assertFalse(self.env["pos.stock.gate.counter"].search(
            [("product_id", "=", self.stock_products["Stock High"].id)]), "no gate lock was taken")
        self.assertFalse(self.env["pos.stock.override.log"].search([("order_id", "=", order.id)]))

    def test_variant_badges_sum_the_template_and_picker_shows_each_variant(self):
        """Demo products with variants (archived by the POS test fixture, brought back), stocked like the demo."""
        config = self.main_pos_config
        location = config.pos_stock_location_id
        chair = self.env.ref("product.product_product_11_product_template")
        screens = self.env.ref("product.product_template_acoustic_bloc_screens")
        variants = (chair | screens).with_context(active_test=False).product_variant_ids
        variants._write({"active": True})
        self.env.invalidate_all()  # _write bypasses the cache of the templates' variant lists
        steel, aluminium = self.env.ref("product.product_product_11"), self.env.ref("product.product_product_11b")
        wood = self.env.ref("product.product_product_25")
        self.assertEqual(len(chair.product_variant_ids), 2)
        self.assertEqual(len(screens.product_variant_ids), 2)
        Quant = self.env["stock.quant"]
        for product, qty in ((steel, 26), (aluminium, 30), (wood, 16)):
            Quant._update_available_quantity(product, location, qty)
        back_store = self.env["stock.location"].create({
            "name": "Back Store", "usage": "internal", "location_id": location.location_id.id})
        Quant._update_available_quantity(steel, back_store, 12)
        config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProVariantTour", login="pos_user")

    def test_connected_till_does_not_poll(self):
        """Websocket up: no poll at all (30 s at a 1 s interval); websocket down: polling resumes."""
        self.main_pos_config.write({"pos_stock_refresh_mode": "realtime_polling", "pos_stock_poll_interval": 1})
        self.main_pos_config.with_user(self.pos_admin).open_ui()
        polls = []
        original = PosConfig.pos_stock_poll

        def counted(config, *args, **kwargs):
            polls.append(config.id)
            return original(config, *args, **kwargs)

        with patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True), \
                patch.object(PosConfig, "pos_stock_poll", counted):
            self.start_pos_tour("PosStockProNoPollWhileConnectedTour", login="pos_admin", timeout=120)
        self.assertGreaterEqual(len(polls), 2, "the server saw the fallback polls once the websocket dropped")
        self.assertLessEqual(len(polls), 8, "and none during the connected window (the tour checks it)")

    def test_offline_sales_decrement_the_till_and_sync_to_the_backstop(self):
        """Offline: a sale takes the last unit off the till's figure, a second one meets the gate, with no
        request at all (the tour counts the page's requests); back online the order syncs, the server judges
        it against its own truth (another till sold the unit meanwhile: flagged, ledgered) and that truth,
        not a double decrement, is what the badge shows."""
        last = self.env["product.product"].create({
            "name": "Stock Last", "is_storable": True, "available_in_pos": True, "list_price": 5.0,
            "taxes_id": False,
        })
        self.env["stock.quant"]._update_available_quantity(last, self.main_pos_config.pos_stock_location_id, 1)
        self.main_pos_config.with_user(self.pos_admin).open_ui()
        gate_calls = []
        original = PosSession.pos_stock_check_gate

        def counted(session, *args, **kwargs):
            gate_calls.append(args)
            return original(session, *args, **kwargs)

        with patch.object(PosSession, "pos_stock_check_gate", counted):
            self.start_pos_tour("PosStockProOfflineTour", login="pos_admin")
        self.assertFalse(gate_calls, "the gate never asked the server while offline")
        session = self.main_pos_config.current_session_id
        orders = self.env["pos.order"].search([("session_id", "=", session.id), ("state", "!=", "draft")])
        self.assertEqual(len(orders), 1, "the offline sale was synced, the refused one never left the till")
        self.assertEqual(orders.lines.product_id, last)
        self.assertTrue(orders.pos_stock_flagged, "judged at sync against the server's stock: short, flagged")
        bypass = self.env["pos.stock.override.log"].search([("order_id", "=", orders.id)])
        self.assertEqual(bypass.outcome, "bypass")
        self.assertEqual((bypass.product_id, bypass.qty_requested, bypass.qty_short), (last, 1.0, 1.0))

    def test_low_stock_warning_on_add(self):
        self.main_pos_config.write({"pos_stock_low_warning": True})
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProLowWarningTour", login="pos_user")

    def test_no_low_stock_warning_by_default(self):
        self.assertFalse(self.main_pos_config.pos_stock_low_warning, "off by default")
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProNoLowWarningTour", login="pos_user")

    def test_days_of_cover_badge_and_tooltip(self):
        """Badge in days (on hand / daily demand over the window), coloured by day tiers; quantity in the tooltip."""
        config = self.main_pos_config
        config.write({"pos_stock_badge_basis": "cover", "pos_stock_cover_window": 10,
                      "pos_stock_cover_tier_high": 21, "pos_stock_cover_tier_low": 7, "pos_stock_cover_tier_floor": 2})
        high = self.stock_products["Stock High"]
        move = self.env["stock.move"].create({
            "name": "sold", "product_id": high.id, "product_uom_qty": 20, "product_uom": high.uom_id.id,
            "location_id": config.pos_stock_location_id.id,
            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
        })
        move._action_confirm()
        move.quantity = 20
        move.picked = True
        move._action_done()
        move.date = fields.Datetime.now() - timedelta(days=2)
        # Stock High: 30 on hand, 2 a day -> 15 days (medium); Stock Low: no sale -> unbounded (high).
        config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProCoverTour", login="pos_user")

    def test_health_pill_can_be_hidden(self):
        self.main_pos_config.pos_stock_health_pill = False
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("PosStockProNoPillTour", login="pos_user")

    def test_probe_reaches_the_till_through_the_bus(self):
        """The settings' probe is a bus message; the till answers it by RPC: real-time, proven end to end."""
        config = self.main_pos_config
        config.write({"pos_stock_refresh_mode": "realtime"})
        config.with_user(self.pos_admin).open_ui()
        test_name = f"{type(self).__module__}.{type(self).__name__}.{self._testMethodName}"
        browser_logger = logging.getLogger(f"{test_name}.browser")
        notice = _CoreReconnectNotice()
        browser_logger.addFilter(notice)
        try:
            with patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True):
                self.start_pos_tour("PosStockProProbeTour", login="pos_admin")
        finally:
            browser_logger.removeFilter(notice)
        link = self.env["pos.stock.till.link"].search([("session_id", "=", config.current_session_id.id)])
        self.assertEqual(link._pos_stock_status()[0], "realtime")
        self.assertGreaterEqual(link.probe_answered_at, link.probe_sent_at)
