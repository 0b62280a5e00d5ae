from . import pos_order
from . import pos_session
from . import restaurant_floor
