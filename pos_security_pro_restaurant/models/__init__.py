from . import pos_order
from . import restaurant_floor
from . import restaurant_table
