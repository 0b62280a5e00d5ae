import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { useState } from "@odoo/owl";
import { parseFloat } from "@web/views/fields/parsers";
import { CashMovePopup } from "@point_of_sale/app/navbar/cash_move_popup/cash_move_popup";

/**
 * Cash in / cash out on a register whose cash method is a CashDro: the machine does it (load,
 * type 1; withdrawal, type 2) and what it counted is booked (pos.session.try_cash_in_out books
 * the count it reads from the machine itself). A machine error or a cancel books nothing.
 *
 * Inside the approval: pos_security_pro's patch of confirm (a supervisor for the move) is applied
 * after this one (assets in module order), so it runs first and the machine moves no cash for a
 * refused request.
 */
patch(CashMovePopup.prototype, {
    setup() {
        super.setup(...arguments);
        this.cashdro = useState({ running: false, operationId: "", inserted: 0, dispensed: 0 });
        this.cashdroMove = null;
    },
    /** Core books a cash move on the register's first cash method: a CashDro, or not at all. */
    get cashdroMethod() {
        const cash = (this.pos.config.payment_method_ids || [])
            .filter((pm) => pm.is_cash_count)
            .sort((a, b) => a.sequence - b.sequence || a.id - b.id)[0];
        return cash?.use_payment_terminal === "cashdro" && cash.payment_terminal ? cash : null;
    },
    async confirm() {
        const method = this.cashdroMethod;
        const amount = parseFloat(this.state.amount || "0");
        this.cashdroMove = null;
        if (!method || !amount || !this.isValidCashMove()) {
            return await super.confirm(...arguments);
        }
        Object.assign(this.cashdro, { running: true, operationId: "", inserted: 0, dispensed: 0 });
        let move;
        try {
            move = await method.payment_terminal.cashMove(this.state.type, amount, {
                onStarted: (id) => (this.cashdro.operationId = id),
                onProgress: ({ inserted, dispensed }) => Object.assign(this.cashdro, { inserted, dispensed }),
            });
        } finally {
            this.cashdro.running = false;
        }
        if (!move) {
            return; // the terminal told the cashier why; nothing is booked
        }
        this.cashdroMove = { ...move, method_id: method.id };
        const result = await super.confirm(...arguments);
        if (move.counted !== move.requested) {
            this.notification.add(
                _t(
                    "The CashDro moved %(counted)s (%(requested)s asked): %(counted)s is booked.",
                    {
                        counted: this.env.utils.formatCurrency(move.counted),
                        requested: this.env.utils.formatCurrency(move.requested),
                    }
                ),
                { type: "warning" }
            );
        }
        return result;
    },
    cancelCashdro() {
        if (this.cashdro.operationId) {
            this.cashdroMethod?.payment_terminal.cancelCashMove(this.cashdro.operationId);
        }
    },
    _prepare_try_cash_in_out_payload(type, amount, reason, extras) {
        const payload = super._prepare_try_cash_in_out_payload(...arguments);
        const move = this.cashdroMove;
        if (move) {
            // The amount stays the one asked (a supervisor's approval is bound to it); the server
            // books what the machine moved, which it reads from the machine.
            payload[4] = {
                ...payload[4],
                formattedAmount: this.env.utils.formatCurrency(move.counted),
                cashdro: {
                    method_id: move.method_id,
                    operation_id: move.operationId,
                    counted: move.counted,
                },
            };
        }
        return payload;
    },
});
