from . import left
RIGHT = "right"
def call_left():
    return left.LEFT
