{
    "name": "POS Security Pro",
    "summary": "POS roles, supervisor approvals verified by the server, forensic audit log",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "depends": ["pos_loss_prevention_base"],
    "data": [],
    "installable": True,
}
