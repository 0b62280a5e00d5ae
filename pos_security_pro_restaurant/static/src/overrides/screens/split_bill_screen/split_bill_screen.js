import { patch } from "@web/core/utils/patch";
import { SplitBillScreen } from "@pos_restaurant/app/split_bill_screen/split_bill_screen";
import { _t } from "@web/core/l10n/translation";

/** One approval when the split is confirmed (choosing the lines stays free); its token rides on
 * the original order, whose re-sync loses the moved lines (server twin: pos_order_resync.py). */
patch(SplitBillScreen.prototype, {
    async createSplittedOrder() {
        const order = this.currentOrder;
        const moved = Object.values(this.qtyTracker).some((qty) => qty > 0);
        if (moved && this.pos.lpRequires("split_bill")) {
            const approval = await this.pos.lpApprove("split_bill", null, {
                order,
                title: _t("Split bill approval"),
                lines: [
                    { label: _t("Total"), value: this.env.utils.formatCurrency(order.get_total_with_tax()) },
                    { label: _t("Moved to the new bill"), value: this.env.utils.formatCurrency(this.newOrderPrice) },
                ],
            });
            if (!approval) {
                return;
            }
        }
        return await super.createSplittedOrder(...arguments);
    },
});
