from . import right
LEFT = "left"
def call_right():
    return right.RIGHT
