import { PosStore } from "@point_of_sale/app/store/pos_store";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";

/**
 * Add-to-order warning (setting "Low-stock warning"): when a line leaves a product at or below the Low tier,
 * a short notice, never a block. Computed from the till's own figures (offline sales included): no RPC.
 */
patch(PosStore.prototype, {
    async addLineToOrder(vals, order, opts = {}, configure = true) {
        const result = await super.addLineToOrder(...arguments);
        if (this.config.pos_stock_low_warning) {
            // The returned line may have been merged into another: the selected line is the one that grew.
            const product = (order || this.get_order())?.get_selected_orderline()?.get_product();
            this.warnLowStock(order || this.get_order(), product);
        }
        return result;
    },

    /** What the product has left once this order is sold, or undefined when the till has no figure. */
    stockLeftAfterOrder(order, product) {
        const known = product && this.stockPro?.qty[product.id];
        if (known === undefined || !order) {
            return undefined;
        }
        let inOrder = 0;
        for (const line of order.lines) {
            const qty = line.get_quantity();
            if (qty > 0 && line.get_product()?.id === product.id) {
                inOrder += qty;
            }
        }
        return known - inOrder;
    },

    warnLowStock(order, product) {
        const left = this.stockLeftAfterOrder(order, product);
        if (left === undefined || !product.is_storable || left > this.config.pos_stock_tier_low) {
            return;
        }
        const message =
            left <= 0
                ? _t("%(product)s: no stock left after this order.", { product: product.display_name })
                : _t("Low stock: %(product)s, %(qty)s left after this order.", {
                      product: product.display_name,
                      qty: this.env.utils.formatProductQty(left, false),
                  });
        this.notification.add(message, { type: "warning", className: "o_pos_stock_low_warning" });
    },
});
