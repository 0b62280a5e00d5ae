{
    "name": "POS Ledger Reconciliation",
    "summary": "Till-to-ledger reconciliation exceptions: sessions checked against journal entries, payment "
    "accounts, cash statements, transit balances, taxes and stock, with a daily digest for finance",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["point_of_sale", "account", "stock", "mail", "pos_loss_prevention_base"],
    # OCA's pos_cash_control_extension books no closing difference and stores the opening float as
    # the counted cash: every session with cash would be flagged as a cash statement mismatch.
    "excludes": ["pos_cash_control_extension"],
    "data": [
        "security/ir.model.access.csv",
        "security/pos_ledger_reconciliation_security.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "wizard/pos_reconciliation_ignore_wizard_views.xml",
        "views/pos_reconciliation_exception_views.xml",
        "views/pos_session_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
}
