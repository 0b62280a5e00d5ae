import { patch } from "@web/core/utils/patch";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import { roundPrecision } from "@web/core/utils/numbers";
import { _t } from "@web/core/l10n/translation";

/** Refunds (ticket screen or negative quantities) are approved once, at validation, for their amount. */
patch(PaymentScreen.prototype, {
    lpRefundAmount(order) {
        // As the server: a negative line refunds when it points at a past order or when the order
        // gives back more of the product than it sells (else it is a restaurant decrease).
        const net = {};
        for (const line of order.lines) {
            net[line.product_id.id] = (net[line.product_id.id] || 0) + line.qty;
        }
        const total = order.lines
            .filter((line) => line.qty < 0 && (line.refunded_orderline_id || net[line.product_id.id] < 0))
            .reduce((sum, line) => sum - line.qty * line.price_unit * (1 - (line.discount || 0) / 100), 0);
        return roundPrecision(total, this.pos.currency.rounding);
    },
    async validateOrder(isForceValidate) {
        const order = this.currentOrder;
        const amount = this.lpRefundAmount(order);
        if (amount > 0 && this.pos.lpRequires("refund") && order.uiState.lpRefundApproved !== amount) {
            const approval = await this.pos.lpApprove("refund", amount, {
                order,
                title: _t("Refund approval"),
                lines: [{ label: _t("Refund"), value: this.env.utils.formatCurrency(amount) }],
            });
            if (!approval) {
                return;
            }
            order.uiState.lpRefundApproved = amount;
        }
        return await super.validateOrder(...arguments);
    },
});
