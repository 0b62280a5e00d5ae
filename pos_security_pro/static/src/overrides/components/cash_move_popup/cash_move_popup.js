import { patch } from "@web/core/utils/patch";
import { CashMovePopup } from "@point_of_sale/app/navbar/cash_move_popup/cash_move_popup";
import { parseFloat } from "@web/views/fields/parsers";
import { _t } from "@web/core/l10n/translation";

/** Both cash move buttons (navbar, closing popup) end in this popup: approval before the RPC. */
patch(CashMovePopup.prototype, {
    async confirm() {
        const amount = parseFloat(this.state.amount || "0");
        const action = this.state.type === "in" ? "cash_in" : "cash_out";
        this.lpToken = false;
        if (amount && (this.pos.lpRequires(action) || this.pos.lpHides("hide_cash_move"))) {
            const approval = await this.pos.lpApprove(action, Math.abs(amount), {
                title: this.state.type === "in" ? _t("Cash in approval") : _t("Cash out approval"),
                lines: [{ label: _t("Amount"), value: this.env.utils.formatCurrency(amount) }],
            });
            if (!approval) {
                return;
            }
            this.lpToken = approval.token;
        }
        return await super.confirm(...arguments);
    },
    _prepare_try_cash_in_out_payload(type, amount, reason, extras) {
        return super._prepare_try_cash_in_out_payload(type, amount, reason, {
            ...extras,
            lp_approval_token: this.lpToken || false,
        });
    },
});
