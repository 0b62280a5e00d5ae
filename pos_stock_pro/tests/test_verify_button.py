from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import EvidenceButtonCase


@tagged("post_install", "-at_install")
class TestVerifyIntegrityButton(EvidenceButtonCase):
    """The list header button of Stock Shortfalls, through the web client's route."""

    def test_verify_integrity_button_from_the_web_client(self):
        product = self.env["product.product"].create({"name": "Verify Button Product", "is_storable": True})
        self.assert_verify_button("pos.stock.override.log", [
            {"product_id": product.id, "outcome": "blocked", "qty_requested": i + 2, "qty_available": 1}
            for i in range(3)])
