{
    "name": "POS Security Pro",
    "summary": "POS roles, supervisor approvals verified by the server, forensic audit log",
    "version": "18.0.1.3.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["pos_loss_prevention_base", "mail"],
    "data": [
        "security/pos_security_pro_security.xml",
        "security/ir.model.access.csv",
        "data/pos_security_role_data.xml",
        "data/pos_approval_reason_data.xml",
        "data/pos_lp_action_data.xml",
        "data/mail_template_data.xml",
        "data/mail_template_owner_alert.xml",
        "views/pos_security_role_views.xml",
        "views/pos_approval_reason_views.xml",
        "views/pos_approval_log_views.xml",
        "views/hr_employee_views.xml",
        "views/pos_config_views.xml",
        "views/menus.xml",
        "views/pos_security_alert_views.xml",
    ],
    "demo": [
        "demo/pos_security_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_security_pro/static/src/**/*",
        ],
        "web.assets_tests": [
            "pos_security_pro/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
