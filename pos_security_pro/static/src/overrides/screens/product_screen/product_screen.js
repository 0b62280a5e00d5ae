import { patch } from "@web/core/utils/patch";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";

const HIDDEN_KEY_FLAGS = {
    quantity: "hide_numpad_qty",
    discount: "hide_numpad_discount",
    price: "hide_numpad_price",
    "-": "hide_numpad_sign",
    Backspace: "hide_numpad_backspace",
};

/** Keys hidden by the role are disabled on the screen numpad (the keyboard path: OrderSummary). */
patch(ProductScreen.prototype, {
    getNumpadButtons() {
        return super.getNumpadButtons(...arguments).map((button) => {
            const flag = HIDDEN_KEY_FLAGS[button.value];
            return flag && this.pos.lpHides(flag)
                ? { ...button, disabled: true, class: `${button.class || ""} o_lp_hidden_key` }
                : button;
        });
    },
    onNumpadClick(buttonValue) {
        const flag = HIDDEN_KEY_FLAGS[buttonValue];
        if (flag && this.pos.lpHides(flag)) {
            return;
        }
        return super.onNumpadClick(...arguments);
    },
});
