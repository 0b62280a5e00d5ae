{
    "name": "POS Session Guard",
    "summary": "Block closing a POS session whose counted cash differs from expected; manager override with reason; audit trail",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "depends": ["pos_loss_prevention_base"],
    "data": [],
    "installable": True,
}
