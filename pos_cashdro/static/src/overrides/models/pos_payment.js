import { PosPayment } from "@point_of_sale/app/models/pos_payment";
import { patch } from "@web/core/utils/patch";

patch(PosPayment.prototype, {
    /** The receipt shows what the customer put in the CashDro and the change the machine gave. */
    export_for_printing() {
        const result = super.export_for_printing(...arguments);
        if (this.payment_method_id?.use_payment_terminal === "cashdro" && this.cashdro_state === "F") {
            result.cashdro = {
                inserted: this.cashdro_amount_inserted || 0,
                returned: this.cashdro_amount_returned || 0,
            };
        }
        return result;
    },
});
