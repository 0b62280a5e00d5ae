import { patch } from "@web/core/utils/patch";
import { CashierName } from "@point_of_sale/app/navbar/cashier_name/cashier_name";
import { useServerCashierSelector } from "@pos_security_pro/app/server_cashier_selector/server_cashier_selector";

patch(CashierName.prototype, {
    setup() {
        super.setup(...arguments);
        this.cashierSelector = useServerCashierSelector();
    },
});
