import { ClosePosPopup } from "@point_of_sale/app/navbar/closing_popup/closing_popup";
import { patch } from "@web/core/utils/patch";
import { onWillStart } from "@odoo/owl";

ClosePosPopup.props = [...ClosePosPopup.props, "cashdro_unimported?"];

patch(ClosePosPopup.prototype, {
    setup() {
        super.setup(...arguments);
        this.state.cashdroPending = [];
        onWillStart(async () => {
            // Ask each CashDro of this register which finished operations were never imported.
            const pending = new Set(this.props.cashdro_unimported || []);
            for (const pm of this.pos.config.payment_method_ids) {
                if (pm.use_payment_terminal !== "cashdro" || !pm.payment_terminal) {
                    continue;
                }
                try {
                    for (const id of await pm.payment_terminal.client.askPendingOperations()) {
                        pending.add(id);
                    }
                } catch {
                    // Unreachable machine: the server's list still warns.
                }
            }
            this.state.cashdroPending = [...pending].sort();
        });
    },
});
