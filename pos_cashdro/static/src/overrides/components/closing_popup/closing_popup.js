import { ClosePosPopup } from "@point_of_sale/app/navbar/closing_popup/closing_popup";
import { patch } from "@web/core/utils/patch";
import { onMounted } from "@odoo/owl";

// get_closing_control_data: operations never imported, and each machine's reconciliation (read by
// the server when the popup opened: level, expected, the operations Odoo did not start).
patch(ClosePosPopup, {
    props: [...ClosePosPopup.props, "cashdro_unimported?", "cashdro_reconciliation?"],
});

patch(ClosePosPopup.prototype, {
    setup() {
        super.setup(...arguments);
        // Finished operations this register reported but never saw imported (server's list)...
        this.state.cashdroPending = [...(this.props.cashdro_unimported || [])].sort();
        // A machine that was read counts itself: its row shows the machine's level (the server
        // uses the level whatever is typed; pos_session_guard gives each cash method its row).
        for (const machine of this.cashdroMachines) {
            if (machine.read && this.state.payments[machine.method_id]) {
                this.state.payments[machine.method_id].counted = String(machine.level);
            }
        }
        // ...plus what each machine still lists as pending: asked in the background, so a machine
        // that is off never delays the closing popup.
        onMounted(() => this.cashdroAskMachines());
    },
    get cashdroMachines() {
        return this.props.cashdro_reconciliation || [];
    },
    cashdroFormat(amount) {
        return this.env.utils.formatCurrency(amount);
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
