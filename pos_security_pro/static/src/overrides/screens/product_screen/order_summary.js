import { patch } from "@web/core/utils/patch";
import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { roundDecimals } from "@web/core/utils/numbers";
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
    async setLinePrice(line, price) {
        const digits = this.pos.models["decimal.precision"].find((dp) => dp.name === "Product Price").digits;
        const newPrice = roundDecimals(parseFloat(price) || 0, digits);
        if (this.pos.lpRequires("price") && newPrice !== line.get_unit_price()) {
            const approval = await this.pos.lpApprove("price", newPrice, {
                order: line.order_id,
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
