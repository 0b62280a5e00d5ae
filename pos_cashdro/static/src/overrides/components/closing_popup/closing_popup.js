import { ClosePosPopup } from "@point_of_sale/app/navbar/closing_popup/closing_popup";
import { patch } from "@web/core/utils/patch";
import { onMounted } from "@odoo/owl";

ClosePosPopup.props = [...ClosePosPopup.props, "cashdro_unimported?"];

patch(ClosePosPopup.prototype, {
    setup() {
        super.setup(...arguments);
        // Finished operations this register reported but never saw imported (server's list)...
        this.state.cashdroPending = [...(this.props.cashdro_unimported || [])].sort();
        // ...plus what each machine still lists as pending: asked in the background, so a machine
        // that is off never delays the closing popup.
        onMounted(() => this.cashdroAskMachines());
    },
    async cashdroAskMachines() {
        const pending = new Set(this.state.cashdroPending);
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
    },
});
