import { patch } from "@web/core/utils/patch";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import { roundPrecision } from "@web/core/utils/numbers";
import { _t } from "@web/core/l10n/translation";

/** Refunds (ticket screen or negative quantities) are approved once, at validation, for their amount. */
patch(PaymentScreen.prototype, {
    lpRefundLines(order, net = null) {
        if (!net) {
            net = {};
            for (const line of order.lines) {
                net[line.product_id.id] = (net[line.product_id.id] || 0) + line.qty;
            }
        }
        return order.lines.filter(
            (line) => line.qty < 0 && (line.refunded_orderline_id || net[line.product_id.id] < 0)
        );
    },
    /** What the approver reads besides the amount: which products, from which order. */
    lpRefundContext(order) {
        const refundLines = this.lpRefundLines(order);
        const products = refundLines
            .map((line) => `${line.get_full_product_name()} × ${Math.abs(line.qty)}`)
            .join(", ");
        const origins = [
            ...new Set(
                refundLines
                    .map((line) => line.refunded_orderline_id?.order_id)
                    .filter(Boolean)
                    .map((origin) => origin.pos_reference || origin.name)
            ),
        ];
        const lines = [{ label: _t("Products"), value: products }];
        if (origins.length) {
            lines.push({ label: _t("Refund of order"), value: origins.join(", ") });
        }
        lines.push({ label: _t("Order"), value: order.pos_reference || order.name || "" });
        return lines;
    },
    lpRefundAmount(order) {
        // As the server: a negative line refunds when it points at a past order or when the order
        // gives back more of the product than it sells (else it is a restaurant decrease).
        const net = {};
        for (const line of order.lines) {
            net[line.product_id.id] = (net[line.product_id.id] || 0) + line.qty;
        }
        const total = this.lpRefundLines(order, net).reduce((sum, line) => sum - line.qty * line.price_unit * (1 - (line.discount || 0) / 100), 0);
        return roundPrecision(total, this.pos.currency.rounding);
    },
    async validateOrder(isForceValidate) {
        const order = this.currentOrder;
        const amount = this.lpRefundAmount(order);
        if (amount > 0 && this.pos.lpRequires("refund") && order.uiState.lpRefundApproved !== amount) {
            const approval = await this.pos.lpApprove("refund", amount, {
                order,
                title: _t("Refund approval"),
                lines: [
                    { label: _t("Refund"), value: this.env.utils.formatCurrency(amount) },
                    ...this.lpRefundContext(order),
                ],
            });
            if (!approval) {
                return;
            }
            order.uiState.lpRefundApproved = amount;
        }
        return await super.validateOrder(...arguments);
    },
});
