import { patch } from "@web/core/utils/patch";
import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { roundDecimals } from "@web/core/utils/numbers";
import {
    BACKSPACE,
    DECIMAL,
    getButtons,
    ZERO,
} from "@point_of_sale/app/generic_components/numpad/numpad";
import { _t } from "@web/core/l10n/translation";

/**
 * Screen numpad and physical keyboard both arrive here (number_buffer → updateSelectedOrderline):
 * a key hidden for the role is inert whichever way it is pressed.
 */
patch(OrderSummary.prototype, {
    lpKeyIsHidden(buffer, key) {
        const pos = this.pos;
        const mode = pos.numpadMode;
        if (key === "Backspace" && (buffer === null || buffer === "") && pos.lpHides("hide_numpad_backspace")) {
            return true;
        }
        if ((key === "-" || key === "+/-") && pos.lpHides("hide_numpad_sign")) {
            return true;
        }
        return (
            (mode === "quantity" && pos.lpHides("hide_numpad_qty")) ||
            (mode === "discount" && pos.lpHides("hide_numpad_discount")) ||
            (mode === "price" && pos.lpHides("hide_numpad_price"))
        );
    },
    async updateSelectedOrderline({ buffer, key }) {
        if (this.lpKeyIsHidden(buffer, key)) {
            this.numberBuffer.reset();
            return;
        }
        return await super.updateSelectedOrderline(...arguments);
    },
    async _showDecreaseQuantityPopup() {
        // One gesture, one prompt: a second key while the prompt is open (OCA's trash button
        // sends Backspace twice) would stack a second prompt over the first.
        if (this.lpDecreasePromptOpen) {
            return;
        }
        this.lpDecreasePromptOpen = true;
        try {
            return await super._showDecreaseQuantityPopup(...arguments);
        } finally {
            this.lpDecreasePromptOpen = false;
        }
    },
    async _getShowDecreaseQuantityPopupButtons() {
        // Core calls getButtons() without its last row (a TypeError in 18.0); give it one.
        return getButtons([DECIMAL, ZERO, BACKSPACE]);
    },
    handleOrderLineQuantityChange(selectedLine, buffer, currentQuantity, lastId) {
        // Increases are routine and negative quantities are returns (approved once, at payment):
        // apply them as typed; only decreases get the one-value prompt.
        const typed = buffer === null || buffer === "" ? null : parseFloat(buffer);
        if (typed !== null && !isNaN(typed) && (typed >= currentQuantity || typed < 0)) {
            return this._setValue(buffer);
        }
        return super.handleOrderLineQuantityChange(...arguments);
    },
    async updateQuantityNumber(newQuantity) {
        const line = this.currentOrder.get_selected_orderline();
        if (line && newQuantity !== null && Math.abs(newQuantity) < line.get_quantity()) {
            const action = newQuantity === 0 ? "delete_line" : "reduce_qty";
            if (this.pos.lpRequires(action)) {
                const decrease = line.get_quantity() - Math.abs(newQuantity);
                const approval = await this.pos.lpApprove(action, decrease, {
                    order: line.order_id,
                    productId: line.product_id.id,
                    oldValue: `${line.get_quantity()}`,
                    title: newQuantity === 0 ? _t("Delete line approval") : _t("Quantity decrease approval"),
                    lines: [
                        { label: _t("Product"), value: line.get_full_product_name() },
                        { label: _t("Quantity"), value: `${line.get_quantity()} → ${newQuantity}` },
                    ],
                });
                if (!approval) {
                    return false;
                }
            }
        }
        return await super.updateQuantityNumber(...arguments);
    },
    async setLinePrice(line, price) {
        const digits = this.pos.models["decimal.precision"].find((dp) => dp.name === "Product Price").digits;
        const newPrice = roundDecimals(parseFloat(price) || 0, digits);
        if (this.pos.lpRequires("price") && newPrice !== line.get_unit_price()) {
            const approval = await this.pos.lpApprove("price", newPrice, {
                order: line.order_id,
                productId: line.product_id.id,
                oldValue: `${line.get_unit_price()}`,
                title: _t("Price change approval"),
                lines: [
                    { label: _t("Product"), value: line.get_full_product_name() },
                    { label: _t("Price"), value: this.env.utils.formatCurrency(line.get_unit_price()) },
                    { label: _t("New price"), value: this.env.utils.formatCurrency(newPrice) },
                ],
            });
            if (!approval) {
                return;
            }
        }
        return await super.setLinePrice(line, newPrice);
    },
});
