import { patch } from "@web/core/utils/patch";
import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";

patch(ControlButtons.prototype, {
    clickRefund() {
        if (this.pos.lpRefuse("hide_refund_button")) {
            return;
        }
        return super.clickRefund(...arguments);
    },
});
