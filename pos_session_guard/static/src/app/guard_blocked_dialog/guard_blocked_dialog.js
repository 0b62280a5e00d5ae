import { Component } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";

/**
 * Shown when the server refuses a closing count: the figures, what to do, and (for whoever
 * may) the way to a manager's approval.
 */
export class GuardBlockedDialog extends Component {
    static template = "pos_session_guard.GuardBlockedDialog";
    static components = { Dialog };
    static props = {
        evaluation: Object,
        formatCurrency: Function,
        onOverride: Function,
        close: Function,
    };

    get rows() {
        const fmt = this.props.formatCurrency;
        const ev = this.props.evaluation;
        const signed = (amount) => (amount > 0 ? "+" : "") + fmt(amount);
        const rows = [
            { label: "expected", value: fmt(ev.expected) },
            { label: "counted", value: fmt(ev.counted) },
            { label: "difference", value: signed(ev.difference), className: "text-danger" },
            { label: "tolerance", value: fmt(ev.tolerance) },
        ];
        if (ev.closing_cash_moves) {
            rows.push({ label: "moves", value: signed(ev.closing_cash_moves) });
        }
        return rows;
    }

    async override() {
        this.props.close();
        await this.props.onOverride();
    }
}
