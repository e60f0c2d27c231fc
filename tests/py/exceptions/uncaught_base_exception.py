# A BaseException subclass that is not an Exception is still reported.
class Abort(BaseException):
    pass

def runner():
    try:
        raise Abort("stop everything")
    except Exception:
        print("not caught by except Exception")

print("begin")
runner()
