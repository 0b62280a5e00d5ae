import { Component, onMounted, useRef, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

/**
 * One dialog for every supervisor approval of the suite: pick the approver, type their PIN,
 * give a reason. The PIN goes to the server (props.submit); a refusal keeps the dialog open with
 * the server's message, so a wrong PIN costs no extra click.
 */
export class ApproverPinDialog extends Component {
    static template = "pos_loss_prevention_base.ApproverPinDialog";
    static components = { Dialog };
    static props = {
        title: String,
        lines: { type: Array, optional: true }, // [{label, value, className?}] shown above the form
        approvers: Array, // [{id, name}]
        reasons: { type: [Array, { value: null }], optional: true }, // [{id, name, require_notes}]
        requireReason: { type: Boolean, optional: true },
        submit: Function, // async ({approverId, pin, reasonId, reason, notes}) => {ok, message}
        getPayload: Function,
        close: Function,
    };
    static defaultProps = { lines: [], reasons: null, requireReason: true };

    setup() {
        this.state = useState({
            approverId: this.props.approvers.length === 1 ? this.props.approvers[0].id : "",
            pin: "",
            reasonId: "",
            reason: "",
            notes: "",
            error: "",
            busy: false,
        });
        this.pinRef = useRef("pin");
        onMounted(() => this.pinRef.el?.focus());
    }

    /** Option values are strings, ids are numbers. */
    isSame(id, selected) {
        return String(id) === String(selected);
    }

    get selectedReason() {
        return (this.props.reasons || []).find((r) => String(r.id) === String(this.state.reasonId));
    }

    get notesRequired() {
        return Boolean(this.selectedReason?.require_notes);
    }

    validate() {
        if (!this.state.approverId) {
            return _t("Choose who approves.");
        }
        if (!this.state.pin) {
            return _t("Type the approver's PIN.");
        }
        if (this.props.requireReason) {
            if (this.props.reasons && !this.state.reasonId) {
                return _t("Choose a reason.");
            }
            if (!this.props.reasons && !this.state.reason.trim()) {
                return _t("Give a reason.");
            }
        }
        if (this.notesRequired && !this.state.notes.trim()) {
            return _t("This reason needs a note.");
        }
        return "";
    }

    async confirm() {
        if (this.state.busy) {
            return;
        }
        this.state.error = this.validate();
        if (this.state.error) {
            return;
        }
        this.state.busy = true;
        try {
            const values = {
                approverId: parseInt(this.state.approverId),
                pin: this.state.pin,
                reasonId: this.state.reasonId ? parseInt(this.state.reasonId) : false,
                reason: this.selectedReason?.name || this.state.reason.trim(),
                notes: this.state.notes.trim(),
            };
            const result = await this.props.submit(values);
            if (result?.ok) {
                this.props.getPayload({ ...values, pin: undefined, ...result });
                this.props.close();
                return;
            }
            this.state.error = result?.message || _t("Not approved.");
            this.state.pin = "";
            this.pinRef.el?.focus();
        } finally {
            this.state.busy = false;
        }
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            ev.stopPropagation();
            this.confirm();
        }
    }
}
